import { seedArticle, seedAuthor, seedSection, uniqueSuffix } from '../prisma/seed/factories';
import { expect, test } from './fixtures/auth';
import { cachedAnswer, conditionalAnswer } from './fixtures/page-cache';

// Reader pages are answered from the production server's memory (scripts/serve.mjs, ADR 0010).
// Anonymous requests go through plain fetch, without the browser context's cookies.
const BASE = `http://127.0.0.1:${Number(process.env.E2E_PORT ?? 3100)}`;
const anonymous = (path: string, headers: Record<string, string> = {}) => fetch(`${BASE}${path}`, { headers, redirect: 'manual' });

test('a reader page is rendered once, then served from memory with its tags, ETag and compressed variants', async ({ db }) => {
  const section = await seedSection(db);
  const author = await seedAuthor(db);
  const article = await seedArticle(db, { headline: `Served from memory ${uniqueSuffix()}`, sectionId: section.id, authorIds: [author.id] });
  const path = `/${section.slug}/${article.slug}`;

  const first = await anonymous(path, { 'accept-encoding': 'br' });
  expect(first.status).toBe(200);
  expect(first.headers.get('x-cache')).toBe('MISS');
  const second = await cachedAnswer((p) => anonymous(p, { 'accept-encoding': 'br' }), path);
  expect(second.headers.get('x-cache')).toBe('HIT');
  expect(await second.text()).toContain(article.headline); // fetch decodes the brotli variant
  expect(second.headers.get('content-encoding')).toBe('br');
  expect(second.headers.get('cache-control')).toMatch(/^public, max-age=0, must-revalidate, s-maxage=\d+$/);
  expect(second.headers.get('vary')).toContain('Accept-Encoding');
  expect(second.headers.get('surrogate-key')?.split(' ')).toEqual(expect.arrayContaining(['content', `article:${article.id}`, `section:${section.slug}`]));
  expect(second.headers.get('cache-tag')?.split(',')).toContain(`article:${article.id}`);

  const gzip = await anonymous(path, { 'accept-encoding': 'gzip' });
  expect(gzip.headers.get('content-encoding')).toBe('gzip');
  expect(gzip.headers.get('etag')).not.toBe(second.headers.get('etag'));
  const notModified = await conditionalAnswer((p, h) => anonymous(p, { 'accept-encoding': 'br', ...h }), path, second.headers.get('etag') ?? '');
  expect(notModified.status).toBe(304);

  // Tracking parameters share the page (a new value each attempt, so a URL cached apart never hits); an
  // unknown URL is a 404 that is cached briefly.
  expect((await cachedAnswer(anonymous, path, (attempt) => `${path}?utm_source=newsletter-${attempt}`)).headers.get('x-cache')).toBe('HIT');
  const missing = `/${section.slug}/no-such-story-${uniqueSuffix()}`;
  expect((await anonymous(missing)).status).toBe(404);
  const again = await cachedAnswer(anonymous, missing);
  expect([again.status, again.headers.get('x-cache')]).toEqual([404, 'HIT']);
  expect(again.headers.get('cache-control')).toMatch(/s-maxage=60$/);
});

test('a fix to an article’s body in the dashboard shows at once and leaves the front page cached; editors are never served from the cache', async ({ db, page, signInAs }) => {
  test.setTimeout(90_000);
  const section = await seedSection(db);
  const author = await seedAuthor(db);
  const image = await db.image.findFirstOrThrow({ where: { alt: { not: '' } }, orderBy: { createdAt: 'desc' } });
  const article = await seedArticle(db, { headline: `Typo fix ${uniqueSuffix()}`, sectionId: section.id, authorIds: [author.id], heroImageId: image.id });
  const path = `/${section.slug}/${article.slug}`;
  await anonymous(path);
  const frontBefore = await cachedAnswer(anonymous, '/');
  expect(frontBefore.headers.get('x-cache')).toBe('HIT');
  const lastChange = (await db.changeEvent.findFirst({ orderBy: { id: 'desc' }, select: { id: true } }))?.id ?? 0n;

  await signInAs('EDITOR');
  await page.goto(`/dashboard/articles/${article.id}`);
  await page.getByTestId('body-editor').click();
  await page.keyboard.press('Control+End');
  const fix = `Corrected on ${uniqueSuffix()}.`;
  await page.keyboard.type(` ${fix}`);
  await page.getByRole('button', { name: 'Save now' }).click();
  await expect(page.getByTestId('save-state')).toHaveText(/All changes saved/, { timeout: 15_000 });

  // The article's page shows the fix at once (its tag was purged, and the server renders a page readers
  // just asked for again right away, so this answer may come from that render)…
  const after = await anonymous(path);
  expect(await after.text()).toContain(fix);
  // …and the front page, which does not show the body, was not purged, unless another test's publish
  // (running beside this one) purged every list, or its new newsletter every sign-up form, meanwhile.
  const frontAfter = await anonymous('/');
  const othersPurgedLists = await db.changeEvent.count({ where: { id: { gt: lastChange }, tags: { hasSome: ['content', 'newsletters'] } } });
  if (othersPurgedLists === 0) {
    expect(frontAfter.headers.get('x-cache')).toBe('HIT');
    expect(frontAfter.headers.get('etag')).toBe(frontBefore.headers.get('etag'));
  }
  // The save's change record names only the article and the modified-times pages (feeds, sitemaps).
  const record = await db.changeEvent.findFirstOrThrow({ where: { targetId: article.id, kind: 'article.save' }, orderBy: { id: 'desc' } });
  expect([...record.tags].sort()).toEqual([`article:${article.id}`, 'modified']);

  // Signed in, the editor's own requests never come from the cache.
  const mine = await page.request.get(path);
  expect(mine.headers()['x-cache']).toBeUndefined();
});

test('a URL that does not decode or is overlong answers 400 before Next, with a plain message', async () => {
  for (const path of ['/authors/x%ff', '/%E0%A4%A', `/${'a'.repeat(2_100)}`, `/search?q=${'x'.repeat(2_100)}`]) {
    const res = await anonymous(path);
    expect(res.status, path.slice(0, 40)).toBe(400);
    expect(await res.text()).toMatch(/^Malformed URL: /);
  }
});
