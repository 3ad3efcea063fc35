import type { Page } from '@playwright/test';
import { XMLParser } from 'fast-xml-parser';
import { seedAuthor, seedSection, uniqueSuffix } from '../prisma/seed/factories';
import { expect, test } from './fixtures/auth';

// Issue #12's acceptance: an integration created in the dashboard reads published articles through
// the Content API; an admin integration creates, updates (409 on a stale version) and publishes an
// article that then appears on the site, in the feed and in the next API read; every call is in the
// audit log under the integration's name. API calls are plain fetches with the key, as a partner's would be.
const BASE = `http://127.0.0.1:${Number(process.env.E2E_PORT ?? 3100)}`;

/** Creates an integration through the dashboard's form and returns the key the page shows once. */
async function createInTheDashboard(page: Page, { name, scope, role }: { name: string; scope: 'Content' | 'Admin'; role?: string }) {
  await page.goto('/dashboard/integrations');
  const form = page.getByRole('form', { name: 'Create an integration' });
  await form.getByLabel('Name').fill(name);
  await form.getByRole('radio', { name: new RegExp(`${scope}:`) }).check();
  if (role) await form.getByLabel('Role of an admin key').selectOption(role);
  await form.getByRole('button', { name: 'Create integration' }).click();
  const key = await form.getByLabel('API key (shown only once)').inputValue();
  expect(key).toMatch(new RegExp(`^mh_${scope.toLowerCase()}_`));
  return key;
}

const api = (key: string, path: string, init: { method?: string; body?: unknown } = {}) =>
  fetch(`${BASE}/api/v1${path}`, {
    method: init.method ?? 'GET',
    headers: { authorization: `Bearer ${key}`, ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}) },
    body: init.body !== undefined ? JSON.stringify(init.body) : undefined,
  });

test('an admin creates integrations in the dashboard; their keys read, write, publish and are audited, and the article reaches the site and the feed', async ({
  page,
  db,
  signInAs,
  browser,
}) => {
  test.setTimeout(120_000);
  const suffix = uniqueSuffix();
  const section = await seedSection(db, { name: `Wire ${suffix}` });
  const author = await seedAuthor(db, { name: `Agency Reporter ${suffix}` });
  await signInAs('ADMIN');

  const contentKey = await createInTheDashboard(page, { name: `Apple News ${suffix}`, scope: 'Content' });
  const adminKey = await createInTheDashboard(page, { name: `Wire desk ${suffix}`, scope: 'Admin', role: 'EDITOR' });

  // The content key reads published articles (the demo's), with cursors, and no drafts.
  const list = await api(contentKey, '/articles?limit=5&fields=id,headline,status,url');
  expect(list.status).toBe(200);
  const page1 = await list.json();
  expect(page1.items).toHaveLength(5);
  for (const item of page1.items) expect(item.status).toBe('PUBLISHED');
  expect(page1.nextCursor).toEqual(expect.any(String));
  // …and can never write.
  expect((await api(contentKey, '/articles', { method: 'POST', body: { headline: 'x', sectionId: section.id } })).status).toBe(403);

  // The admin key uploads a hero, creates a draft, updates it, is refused a stale update, publishes.
  const hero = await db.image.findFirstOrThrow({ where: { alt: { not: '' } }, orderBy: { createdAt: 'desc' } });
  const headline = `Wire: harbour reopens after storm ${suffix}`;
  const created = await api(adminKey, '/articles', {
    method: 'POST',
    body: {
      headline,
      sectionId: section.id,
      authorIds: [author.id],
      standfirst: 'Ships queue at dawn.',
      html: '<p>The harbour <strong>reopened</strong> at 6 am.</p><script>alert(1)</script>',
    },
  });
  expect(created.status).toBe(201);
  const draft = await created.json();
  expect(draft.warnings?.join(' ')).toMatch(/script/i);
  const id = draft.article.id as string;
  expect(draft.article.bodyHtml).toBe('<p>The harbour <strong>reopened</strong> at 6 am.</p>');

  const updated = await api(adminKey, `/articles/${id}`, {
    method: 'PATCH',
    body: { version: draft.article.version, heroImageId: hero.id, heroAlt: hero.alt },
  });
  expect(updated.status).toBe(200);
  const v2 = (await updated.json()).article.version as number;
  const stale = await api(adminKey, `/articles/${id}`, {
    method: 'PATCH',
    body: { version: draft.article.version, headline: 'A silent overwrite' },
  });
  expect(stale.status).toBe(409);
  expect((await stale.json()).error).toMatchObject({ code: 'conflict', current: { version: v2 } });

  const published = await api(adminKey, `/articles/${id}/transitions`, { method: 'POST', body: { action: 'publish' } });
  expect(published.status).toBe(200);
  const { article } = await published.json();
  expect(article.status).toBe('PUBLISHED');

  // On the site, as a reader sees it (a fresh context: no editor cookie)…
  const reader = await browser.newContext();
  const readerPage = await reader.newPage();
  await readerPage.goto(`${BASE}${article.path}`);
  await expect(readerPage.getByRole('heading', { level: 1, name: headline })).toBeVisible();
  await expect(readerPage.getByText('The harbour reopened at 6 am.')).toBeVisible();
  await reader.close();
  // …in the feed…
  const feed = new XMLParser().parse(await (await fetch(`${BASE}/feed.xml`)).text());
  const items = [feed.rss.channel.item].flat() as { title: string }[];
  expect(items.map((i) => i.title)).toContain(headline);
  // …and in the next API read.
  const read = await api(contentKey, `/articles/${id}`);
  expect(read.status).toBe(200);
  expect((await read.json()).article.headline).toBe(headline);

  // The audit log names the integration for every write.
  await page.goto(`/dashboard/audit`);
  const integrationUser = await db.integration.findFirstOrThrow({
    where: { name: `Wire desk ${suffix}` },
    select: { user: { select: { id: true } } },
  });
  const audit = await db.auditEvent.findMany({ where: { targetId: id }, select: { action: true, actorId: true } });
  expect(audit.map((a) => a.action).sort()).toEqual(['article.create', 'article.publish', 'article.save', 'article.save'].sort());
  for (const a of audit) expect(a.actorId).toBe(integrationUser.user!.id);
  await expect(page.getByRole('main')).toContainText(`Wire desk ${suffix}`);

  // The dashboard shows when the keys were last used; revoking one stops it at once.
  await page.goto('/dashboard/integrations');
  const row = page.getByTestId(`integration-Apple News ${suffix}`);
  await expect(row).not.toContainText('Last usednever');
  await row.getByRole('button', { name: 'Revoke' }).click();
  await expect(row).toContainText('Revoked');
  expect((await api(contentKey, '/articles')).status).toBe(401);
});

test('the API reference page renders the served OpenAPI document', async ({ page }) => {
  await page.goto('/developers/api');
  await expect(page.getByRole('heading', { level: 1, name: 'API reference' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'PATCH /articles/{id}' })).toBeVisible();
  const doc = await (await fetch(`${BASE}/api/v1/openapi.json`)).json();
  expect(doc.openapi).toBe('3.1.0');
});
