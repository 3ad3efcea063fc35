import { seedArticle, seedImage, seedSection } from '../prisma/seed/factories';
import { expect, test } from './fixtures/auth';
import { openTestData } from './fixtures/data';
import type { PrismaClient } from '@/lib/generated/prisma/client';

/**
 * Who may open which dashboard route (and so reach its Server Actions' forms). Each action also checks
 * the actor itself; tests/users.test.ts and tests/structure.test.ts call the same mutations with every role.
 */
const ROUTES: { path: string; heading: string; allowed: ('WRITER' | 'EDITOR' | 'ADMIN')[] }[] = [
  { path: '/dashboard', heading: 'Welcome', allowed: ['WRITER', 'EDITOR', 'ADMIN'] },
  { path: '/dashboard/media', heading: 'Media', allowed: ['WRITER', 'EDITOR', 'ADMIN'] },
  { path: '/dashboard/sections', heading: 'Sections', allowed: ['EDITOR', 'ADMIN'] },
  { path: '/dashboard/campaigns', heading: 'Campaigns', allowed: ['EDITOR', 'ADMIN'] },
  { path: '/dashboard/authors', heading: 'Authors', allowed: ['EDITOR', 'ADMIN'] },
  { path: '/dashboard/pages', heading: 'Pages', allowed: ['EDITOR', 'ADMIN'] },
  { path: '/dashboard/pages/new', heading: 'New page', allowed: ['EDITOR', 'ADMIN'] },
  { path: '/dashboard/users', heading: 'Users', allowed: ['ADMIN'] },
  { path: '/dashboard/audit', heading: 'Audit log', allowed: ['ADMIN'] },
  { path: '/dashboard/integrations', heading: 'Integrations', allowed: ['ADMIN'] },
  { path: '/dashboard/webhooks', heading: 'Webhooks', allowed: ['ADMIN'] },
  { path: '/dashboard/newsletters', heading: 'Newsletters', allowed: ['EDITOR', 'ADMIN'] },
  { path: '/dashboard/newsletters/caught', heading: 'Caught mail', allowed: ['ADMIN'] },
  { path: '/dashboard/newsletters/{daily-briefing}', heading: 'Daily briefing', allowed: ['EDITOR', 'ADMIN'] },
];

/** The route's path, with `{slug}` as the id of the demo newsletter of that slug. */
const pathOf = async (db: PrismaClient, path: string) => {
  const slug = /\{([a-z-]+)\}/.exec(path)?.[1];
  return slug ? path.replace(`{${slug}}`, (await db.newsletter.findUniqueOrThrow({ where: { slug }, select: { id: true } })).id) : path;
};

for (const route of ROUTES) {
  test(`anonymous visitors of ${route.path} are sent to the login page`, async ({ page, db }) => {
    const path = await pathOf(db, route.path);
    await page.goto(path);
    await expect(page).toHaveURL(new RegExp(`/login\\?callbackUrl=${encodeURIComponent(path)}`));
  });
}

for (const role of ['WRITER', 'EDITOR', 'ADMIN'] as const) {
  test(`a ${role.toLowerCase()} gets exactly the dashboard routes their role allows`, async ({ page, signInAs, db }) => {
    await signInAs(role);
    for (const route of ROUTES) {
      const response = await page.goto(await pathOf(db, route.path));
      if (route.allowed.includes(role)) {
        expect(response?.status(), route.path).toBe(200);
        await expect(page.getByRole('heading', { level: 1, name: new RegExp(route.heading) })).toBeVisible();
      } else {
        expect(response?.status(), route.path).toBe(403);
        await expect(page.getByRole('heading', { name: 'You do not have access to this page' })).toBeVisible();
      }
    }
    const nav = page.getByRole('navigation', { name: 'Dashboard' });
    await page.goto('/dashboard');
    await expect(nav.getByRole('link', { name: 'Users' })).toHaveCount(role === 'ADMIN' ? 1 : 0);
    await expect(nav.getByRole('link', { name: 'Sections' })).toHaveCount(role === 'WRITER' ? 0 : 1);
    await expect(nav.getByRole('link', { name: 'Pages' })).toHaveCount(role === 'WRITER' ? 0 : 1);
  });
}

test('an image page: anonymous visitors go to login; writers may view but not edit or delete an image of someone else', async ({ page, signInAs, db }) => {
  const { storage } = openTestData();
  const image = await seedImage(db, storage, { alt: `Someone else's picture ${Date.now()}` });
  const path = `/dashboard/media/${image.id}`;
  await page.goto(path);
  await expect(page).toHaveURL(new RegExp(`/login\\?callbackUrl=${encodeURIComponent(path)}`));
  for (const role of ['WRITER', 'EDITOR', 'ADMIN'] as const) {
    await page.context().clearCookies();
    await signInAs(role);
    expect((await page.goto(path))?.status(), role).toBe(200);
    await expect(page.getByRole('heading', { level: 1, name: image.alt })).toBeVisible();
    const manages = role === 'WRITER' ? 0 : 1;
    await expect(page.getByRole('form', { name: 'Edit image text' }), role).toHaveCount(manages);
    await expect(page.getByRole('button', { name: 'Delete image' }), role).toHaveCount(manages);
  }
});

test('the Corrections form of a published article is for editors and admins: a writer sees the corrections only', async ({ page, signInAs, db }) => {
  const section = await seedSection(db);
  for (const role of ['WRITER', 'EDITOR', 'ADMIN'] as const) {
    await page.context().clearCookies();
    const user = await signInAs(role);
    // The writer's own article, so that the editor opens for them at all.
    const article = await seedArticle(db, { headline: `Corrected for editors ${role} ${Date.now()}`, sectionId: section.id, createdById: user.id });
    await db.correction.create({ data: { articleId: article.id, kind: 'UPDATE', text: 'An update every role may read.', publishedAt: new Date() } });
    await page.goto(`/dashboard/articles/${article.id}`);
    await expect(page.getByRole('region', { name: 'Corrections' }), role).toContainText('An update every role may read.');
    await expect(page.getByRole('form', { name: 'Add a correction' }), role).toHaveCount(role === 'WRITER' ? 0 : 1);
  }
});

test('an admin creates a user, changes their role and disables them; each is audited', async ({ page, signInAs, db }) => {
  await signInAs('ADMIN');
  await page.goto('/dashboard/users');
  const email = `made-in-e2e-${Date.now()}@example.test`;
  const form = page.getByRole('form', { name: 'Create a user' });
  await form.getByLabel('Name').fill('Made In E2E');
  await form.getByLabel('Email').fill(email);
  await form.getByLabel('Role').selectOption('EDITOR');
  await form.getByLabel('Password').fill('short');
  await form.getByRole('button', { name: 'Create user' }).click();
  // The browser's own minlength check stops it first; remove it to see the server's message.
  await form.getByLabel('Password').evaluate((el) => el.removeAttribute('minlength'));
  await form.getByRole('button', { name: 'Create user' }).click();
  await expect(form.getByRole('alert')).toContainText('Please correct the highlighted fields.');
  await expect(form.getByText('Use at least 12 characters.')).toBeVisible();
  await form.getByLabel('Password').fill('a long enough password');
  await form.getByRole('button', { name: 'Create user' }).click();
  await expect(form.getByRole('status')).toHaveText(`Created ${email}.`);
  expect(await db.user.findUniqueOrThrow({ where: { email } })).toMatchObject({ role: 'EDITOR', name: 'Made In E2E' });

  const row = page.getByTestId(`user-${email}`);
  const role = row.getByRole('combobox', { name: 'Role' });
  // The select shows the role it was changed to, not its first option (React resets a form after its action).
  await role.selectOption('ADMIN');
  await row.getByRole('button', { name: 'Change role' }).click();
  await expect(row.getByRole('status')).toContainText('Role changed');
  await expect.poll(async () => (await db.user.findUniqueOrThrow({ where: { email } })).role).toBe('ADMIN');
  await expect(role).toHaveValue('ADMIN');
  await role.selectOption('WRITER');
  await row.getByRole('button', { name: 'Change role' }).click();
  await expect.poll(async () => (await db.user.findUniqueOrThrow({ where: { email } })).role).toBe('WRITER');
  await expect(role).toHaveValue('WRITER');
  await row.getByRole('button', { name: 'Disable' }).click();
  await expect(row.getByText('Disabled', { exact: true })).toBeVisible();
  const user = await db.user.findUniqueOrThrow({ where: { email } });
  expect(user).toMatchObject({ role: 'WRITER', disabled: true });
  const actions = (await db.auditEvent.findMany({ where: { targetId: user.id }, select: { action: true } })).map((a) => a.action).sort();
  expect(actions).toEqual(['user.created', 'user.disabled', 'user.role_changed', 'user.role_changed']);

  await page.goto(`/dashboard/audit?action=user.disabled`);
  await expect(page.getByRole('table')).toContainText(user.id);
});
