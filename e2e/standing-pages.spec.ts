import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { articlePath } from '@/lib/routes';
import { uniqueSuffix } from '../prisma/seed/factories';
import { expect, test } from './fixtures/auth';
import { cachedAnswer } from './fixtures/page-cache';

/**
 * Standing pages (About, Contact, Ethics and corrections policy, Masthead, Methodology) as readers and
 * editors meet them: the demo's pages answer, with the footer, the masthead's staff list and the
 * publisher's JSON-LD; an editor creates and edits one in the dashboard and it shows at its address, in
 * every footer and in the sitemap at once (the response cache is purged); writers cannot manage them.
 */

const BASE = `http://127.0.0.1:${Number(process.env.E2E_PORT ?? 3100)}`;
const anonymous = (path: string) => fetch(`${BASE}${path}`, { redirect: 'manual' });
/** Server actions compete for 2 shared cores: their answers may take longer than 5 s. */
const expectAction = expect.configure({ timeout: 30_000 });

async function expectNoAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

/** The JSON-LD objects of a page. */
async function jsonLdOf(page: Page): Promise<Record<string, unknown>[]> {
  return (await page.locator('script[type="application/ld+json"]').allTextContents()).map((t) => JSON.parse(t) as Record<string, unknown>);
}

test('a demo article’s methodology link leads to the methodology page, with breadcrumb, metadata and the footer', async ({ page, db }) => {
  const article = await db.article.findFirstOrThrow({
    where: { status: 'PUBLISHED', publishedAt: { lte: new Date() }, bodyText: { contains: 'methodology note' } },
    orderBy: { publishedAt: 'desc' },
    select: { slug: true, section: { select: { slug: true } } },
  });
  await page.goto(articlePath(article));
  await page.getByRole('link', { name: 'methodology note' }).click();
  await expect(page).toHaveURL(`${BASE}/about/methodology`);
  await expect(page.getByRole('heading', { level: 1, name: 'Methodology' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: 'Where the numbers come from' })).toBeVisible();
  await expect(page.locator('link[rel="canonical"]')).toHaveAttribute('href', `${BASE}/about/methodology`);
  await expect(page).toHaveTitle(/Methodology/);
  await expect(page.getByRole('navigation', { name: 'Breadcrumb' }).locator('[aria-current="page"]')).toHaveAttribute('href', '/about/methodology');
  const breadcrumb = (await jsonLdOf(page)).find((ld) => ld['@type'] === 'BreadcrumbList');
  expect(breadcrumb?.itemListElement).toEqual([
    { '@type': 'ListItem', position: 1, name: 'Home', item: BASE },
    { '@type': 'ListItem', position: 2, name: 'Methodology', item: `${BASE}/about/methodology` },
  ]);

  // The footer of every reader page links the four footer pages, in their order (methodology is not one).
  const footer = page.getByRole('navigation', { name: 'About us' });
  await expect(footer.getByRole('link')).toHaveText(['About us', 'Contact', 'Ethics and corrections policy', 'Masthead', 'Corrections']);
  await expect(footer.getByRole('link', { name: 'Ethics and corrections policy' })).toHaveAttribute('href', '/about/ethics');
  await expect(footer.getByRole('link', { name: 'About us' })).toHaveAttribute('href', '/about');
  await expectNoAxeViolations(page);

  // The about page has one address: /about/about redirects, and it has no later pages.
  const doubled = await anonymous('/about/about');
  expect([doubled.status, doubled.headers.get('location')]).toEqual([308, '/about']);
  expect((await anonymous('/about/page/2')).status).toBe(404);
});

test('the masthead page lists the authors with their role and organisation, each linked to their page', async ({ page, db }, testInfo) => {
  await page.goto('/about/masthead');
  await expect(page.getByRole('heading', { level: 1, name: 'Masthead' })).toBeVisible();
  const staff = page.getByTestId('staff-list').getByRole('listitem');
  expect(await staff.count()).toBeGreaterThanOrEqual(await db.author.count({ where: { slug: { in: ['neelam-patel', 'tom-okafor', 'oliver-brennan'] } } }));
  const neelam = staff.filter({ hasText: 'Neelam Patel' });
  await expect(neelam).toContainText('CEO, MedCity');
  await expect(neelam.getByRole('link', { name: 'Neelam Patel' })).toHaveAttribute('href', '/authors/neelam-patel');
  await expect(staff.filter({ hasText: 'Oliver Brennan' })).toContainText('Deputy editor, Masthead');
  await expectNoAxeViolations(page);
  await page.screenshot({ path: testInfo.outputPath('masthead-page.png'), fullPage: true });
});

test('the publisher’s JSON-LD is a NewsMediaOrganization pointing at the policy pages; the sitemap lists the pages', async ({ page }) => {
  await page.goto('/');
  const graph = (await jsonLdOf(page)).flatMap((ld) => (ld['@graph'] as Record<string, unknown>[] | undefined) ?? [ld]);
  const publisher = graph.find((t) => t['@type'] === 'NewsMediaOrganization');
  expect(publisher).toMatchObject({
    publishingPrinciples: `${BASE}/about/ethics`,
    ethicsPolicy: `${BASE}/about/ethics`,
    correctionsPolicy: `${BASE}/about/ethics`,
    masthead: `${BASE}/about/masthead`,
  });
  const sitemap = await (await anonymous('/sitemaps/pages.xml')).text();
  for (const path of ['/about', '/about/contact', '/about/ethics', '/about/masthead', '/about/methodology']) expect(sitemap).toContain(`<loc>${BASE}${path}</loc>`);
});

test('an editor creates a page in the dashboard: it shows at its address, in every footer and the sitemap; a body edit shows at once', async ({ page, signInAs, db }, testInfo) => {
  test.setTimeout(120_000);
  const slug = `press-${uniqueSuffix()}`;
  const title = `Press office ${slug.slice(-6)}`;
  // Cached before the change: the about page (its footer) and the sitemap.
  expect((await cachedAnswer(anonymous, '/about')).headers.get('x-cache')).toBe('HIT');

  await signInAs('EDITOR');
  await page.goto('/dashboard');
  await page.getByRole('navigation', { name: 'Dashboard' }).getByRole('link', { name: 'Pages' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Pages' })).toBeVisible();
  await expect(page.getByRole('table')).toContainText('/about/methodology');
  await expectNoAxeViolations(page);
  await page.screenshot({ path: testInfo.outputPath('dashboard-pages-list.png'), fullPage: true });
  await page.getByRole('link', { name: 'New page' }).click();
  const form = page.getByRole('form', { name: 'Create a page' });
  await form.getByLabel('Title').fill(title);
  // A slug another page has is refused beside the field, and what was typed stays.
  await form.getByLabel('Slug').fill('contact');
  await form.getByRole('button', { name: 'Create page' }).click();
  await expectAction(form.getByRole('alert')).toContainText('Please correct the highlighted fields.');
  await expect(form.getByText('The page “Contact” already uses this slug. Choose another.')).toBeVisible();
  await expect(form.getByLabel('Slug')).toHaveAttribute('aria-invalid', 'true');
  await expect(form.getByLabel('Title')).toHaveValue(title);

  await form.getByLabel('Slug').fill(slug);
  await form.getByLabel('Standfirst').fill('How journalists reach our press office.');
  await form.getByLabel('Place in the footer').fill('9');
  await form.getByTestId('body-editor').click();
  await page.keyboard.type('Journalists can reach the press office on weekdays.');
  await expectNoAxeViolations(page);
  await page.screenshot({ path: testInfo.outputPath('dashboard-page-editor.png'), fullPage: true });
  await form.getByRole('button', { name: 'Create page' }).click();
  await expectAction(page.getByRole('heading', { level: 1, name: `Edit “${title}”` })).toBeVisible();
  const created = await db.page.findUniqueOrThrow({ where: { slug } });
  expect(created).toMatchObject({ title, showInFooter: true, position: 9, role: null });
  expect(await db.auditEvent.count({ where: { action: 'page.created', targetId: created.id } })).toBe(1);

  // Readers see it at once: at its address, in the footer of a page that was cached, in the sitemap.
  const own = await anonymous(`/about/${slug}`);
  expect(own.status).toBe(200);
  expect(await own.text()).toContain('Journalists can reach the press office on weekdays.');
  expect(await (await anonymous('/about')).text()).toContain(`href="/about/${slug}"`);
  expect(await (await anonymous('/sitemaps/pages.xml')).text()).toContain(`<loc>${BASE}/about/${slug}</loc>`);
  const cached = await cachedAnswer(anonymous, `/about/${slug}`);
  expect(cached.headers.get('x-cache')).toBe('HIT');
  expect(cached.headers.get('surrogate-key')?.split(' ')).toContain(`page:${slug}`);

  // A body edit: the page shows it at once.
  const edit = page.getByRole('form', { name: `Edit ${title}` });
  await edit.getByTestId('body-editor').click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type(' Outside office hours, write to press@masthead.test.');
  await edit.getByRole('button', { name: 'Save page' }).click();
  await expectAction(edit.getByRole('status')).toContainText('Saved.');
  expect(await db.page.findUniqueOrThrow({ where: { id: created.id } })).toMatchObject({ version: 2 });
  expect(await (await anonymous(`/about/${slug}`)).text()).toContain('write to press@masthead.test');

  // Deleted, it leaves the footer and its address answers 404.
  await page.getByRole('button', { name: 'Delete page' }).click();
  await expectAction(page.getByRole('heading', { level: 1, name: 'Pages' })).toBeVisible();
  expect((await anonymous(`/about/${slug}`)).status).toBe(404);
  expect(await (await anonymous('/about')).text()).not.toContain(`href="/about/${slug}"`);
});

test('a writer cannot reach the pages dashboard, and is not shown it', async ({ page, signInAs }) => {
  await signInAs('WRITER');
  await expect(page.getByRole('navigation', { name: 'Dashboard' }).getByRole('link', { name: 'Pages' })).toHaveCount(0);
  for (const path of ['/dashboard/pages', '/dashboard/pages/new']) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(403);
    await expect(page.getByRole('heading', { name: 'You do not have access to this page' })).toBeVisible();
  }
});
