import { parseFeed } from '@rowanmanning/feed-parser';
import { expect, test } from '@playwright/test';
import { publishedWhere } from '../lib/articles/published';
import { seedArticle, seedAuthor, seedSection, seedTag, uniqueSuffix } from '../prisma/seed/factories';
import { openTestData } from './fixtures/data';
import { validateSitemap } from './fixtures/sitemap-schema';

const { db } = openTestData();

test('every feed parses with a real feed parser and carries items with enclosures', async ({ request }) => {
  for (const path of ['/feed.xml', '/feeds/sections/life-sciences', '/feeds/authors/tom-okafor', '/feeds/campaigns/life-sciences-2020']) {
    const response = await request.get(path);
    expect(response.status(), path).toBe(200);
    expect(response.headers()['content-type']).toContain('application/rss+xml');
    const feed = parseFeed(await response.text());
    expect(feed.meta.type, path).toBe('rss');
    expect(feed.title, path).toBeTruthy();
    expect(feed.items.length, path).toBeGreaterThan(0);
    for (const entry of feed.items) {
      expect(entry.title, path).toBeTruthy();
      expect(entry.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/[a-z0-9-]+\/[a-z0-9-]+$/);
      expect(entry.published).toBeInstanceOf(Date);
    }
    // Articles other specs publish may have no hero image, or one of another type (an upload kept as
    // WebP); the demo's have one, and each hero is an enclosure of its own file with its own type.
    const enclosures = feed.items.flatMap((entry) => entry.media.slice(0, 1));
    expect(enclosures.length, path).toBeGreaterThan(0);
    for (const media of enclosures) {
      const type = /\/media\/[^/]+\.(jpg|png|webp|avif)$/.exec(media.url ?? '')?.[1];
      expect(type, `${path}: ${media.url}`).toBeDefined();
      expect(media.mimeType, media.url ?? '').toBe(`image/${type === 'jpg' ? 'jpeg' : type}`);
    }
  }
  expect((await request.get('/feeds/sections/no-such-section')).status()).toBe(404);
  expect((await request.get('/feeds/nonsense/life-sciences')).status()).toBe(404);
});

test('a tag with published articles has an RSS feed, advertised by its page; an unknown tag has none', async ({ request, page }) => {
  // Fresh slugs: the production server caches reader pages, and these are seeded straight into the database.
  const section = await seedSection(db);
  const author = await seedAuthor(db, { name: `Feed Writer ${uniqueSuffix()}` });
  const tag = await seedTag(db, `Feed topic ${uniqueSuffix()}`);
  const article = await seedArticle(db, { sectionId: section.id, authorIds: [author.id], tagIds: [tag.id] });
  await seedArticle(db, { sectionId: section.id, tagIds: [tag.id], status: 'DRAFT' });

  const response = await request.get(`/feeds/tags/${tag.slug}`);
  expect(response.status()).toBe(200);
  expect(response.headers()['content-type']).toContain('application/rss+xml');
  const xml = await response.text();
  const feed = parseFeed(xml);
  expect(feed.title).toContain(tag.name);
  expect(feed.items.map((entry) => entry.url)).toEqual([expect.stringMatching(new RegExp(`/${section.slug}/${article.slug}$`))]);
  expect(feed.items[0]!.authors.map((a) => a.name)).toEqual([author.name]);
  expect(xml).toContain(`<dc:creator>${author.name}</dc:creator>`);
  expect(xml).not.toMatch(/<author>/);

  expect((await request.get(`/feeds/tags/no-such-tag-${uniqueSuffix()}`)).status()).toBe(404);
  // A tag whose articles are all unpublished has no page, and so no feed.
  const draftOnly = await seedTag(db, `Draft feed topic ${uniqueSuffix()}`);
  await seedArticle(db, { sectionId: section.id, tagIds: [draftOnly.id], status: 'DRAFT' });
  expect((await request.get(`/feeds/tags/${draftOnly.slug}`)).status()).toBe(404);

  await page.goto(`/tags/${tag.slug}`);
  const link = page.locator('head link[rel="alternate"][type="application/rss+xml"]');
  await expect(link).toHaveCount(1);
  expect(new URL((await link.getAttribute('href'))!).pathname).toBe(`/feeds/tags/${tag.slug}`);
});

test('the front page advertises the site feed in its head', async ({ page }) => {
  await page.goto('/');
  const link = page.locator('head link[rel="alternate"][type="application/rss+xml"]');
  await expect(link).toHaveCount(1);
  expect(new URL((await link.getAttribute('href'))!).pathname).toBe('/feed.xml');
  expect(await link.getAttribute('title')).toMatch(/RSS/);
});

test('the sitemap index and its sitemaps validate against the sitemaps.org schema', async ({ request }) => {
  const index = await (await request.get('/sitemap.xml')).text();
  expect(await validateSitemap('index', index)).toEqual([]);
  const locs = [...index.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]!);
  expect(locs.some((l) => l.endsWith('/sitemaps/articles/1'))).toBe(true);
  for (const loc of locs.filter((l) => !l.endsWith('/news-sitemap.xml'))) {
    const xml = await (await request.get(new URL(loc).pathname)).text();
    expect(await validateSitemap('urlset', xml), loc).toEqual([]);
  }
  const articles = await (await request.get('/sitemaps/articles/1')).text();
  expect([...articles.matchAll(/<url>/g)].length).toBeGreaterThanOrEqual(60);
  // No article readers cannot see (the demo's drafts, articles in review, scheduled and archived ones).
  const hidden = await db.article.findMany({ where: { NOT: publishedWhere() }, select: { slug: true, section: { select: { slug: true } } } });
  expect(hidden.length).toBeGreaterThan(0);
  for (const a of hidden) expect(articles).not.toContain(`/${a.section.slug}/${a.slug}</loc>`);
});

test('the news sitemap has the required elements, recent articles only and no sponsored content', async ({ request }) => {
  const xml = await (await request.get('/news-sitemap.xml')).text();
  expect(await validateSitemap('news', xml)).toEqual([]);
  // A broken entry fails the same validation, so the check above can fail.
  expect(await validateSitemap('news', xml.replace(/<news:title>[^<]*<\/news:title>/, ''))).not.toEqual([]);
  const entries = [...xml.matchAll(/<url>([\s\S]*?)<\/url>/g)].map((m) => m[1]!);
  expect(entries.length).toBeGreaterThan(0);
  expect(entries.length).toBeLessThanOrEqual(1000);
  for (const e of entries) {
    expect(e).toMatch(/<news:publication><news:name>[^<]+<\/news:name><news:language>en<\/news:language><\/news:publication>/);
    expect(e).toMatch(/<news:title>[^<]+<\/news:title>/);
    const date = new Date(/<news:publication_date>([^<]+)</.exec(e)![1]!);
    expect(Date.now() - date.getTime()).toBeLessThanOrEqual(48 * 3_600_000);
  }
  // The partner series "Life Sciences 2020" is sponsored and stays out.
  expect(xml).not.toContain('life-sciences-cluster-kept-growing');
});

test('robots.txt names the sitemap index and the news sitemap', async ({ request }) => {
  const body = await (await request.get('/robots.txt')).text();
  expect(body).toMatch(/^Sitemap: http:\/\/.+\/sitemap\.xml$/m);
  expect(body).toMatch(/^Sitemap: http:\/\/.+\/news-sitemap\.xml$/m);
});
