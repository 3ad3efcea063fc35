import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { XMLParser } from 'fast-xml-parser';
import sharp from 'sharp';
import { articlePath } from '@/lib/routes';
import { seedArticle, seedAuthor, seedCampaign, seedSection, seedTag, uniqueSuffix } from '../prisma/seed/factories';
import { openTestData } from './fixtures/data';

// What independent checkers found on the reader site (issue #14): each test failed before its fix.

const { db } = openTestData();
test.afterAll(async () => db.$disconnect());

async function expectNoAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

/**
 * These specs seed straight into the database, which purges no cached page; feeds and sitemaps that
 * another spec read earlier are still cached. A request with an Authorization header is never served
 * from the cache (scripts/lib/decide-page-request.mjs), so it shows what Next renders now.
 */
const UNCACHED = { headers: { authorization: 'Bearer e2e-fresh-render' } };

const jsonLdOf = async (page: Page) => (await page.locator('script[type="application/ld+json"]').allTextContents()).map((t) => JSON.parse(t) as Record<string, unknown>);

test.describe('a 404 is a complete page rendered on the server', () => {
  test.use({ javaScriptEnabled: false });
  const cases: [string, string][] = [
    ['an unknown section', '/no-such-section'],
    ['an unknown article', '/life-sciences/no-such-article'],
    ['an unknown tag', '/tags/no-such-tag'],
    ['an unknown author', '/authors/no-such-author'],
    ['a page past the end of a list', '/life-sciences/page/999'],
    ['a path no route matches', '/a/b/c/d/e'],
  ];
  for (const [name, path] of cases) {
    test(name, async ({ page }) => {
      const response = await page.goto(path);
      expect(response?.status()).toBe(404);
      const html = await response!.text();
      expect(html).not.toContain('id="__next_error__"');
      await expect(page.locator('html')).toHaveAttribute('lang', 'en');
      await expect(page).toHaveTitle(/^Page not found \| /);
      await expect(page.getByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible();
      await expect(page.locator('main')).toHaveCount(1);
      await expect(page.locator('#main')).toHaveCount(1);
      // The site around it: the sections to go on to, and search.
      await expect(page.getByRole('navigation').first()).toBeVisible();
      await expect(page.getByRole('searchbox', { name: 'Search articles' })).toBeVisible();
    });
  }
});

test('the server-rendered 404, scripts left out, has no axe violations', async ({ page, request }) => {
  // axe needs JavaScript in the page, so it checks the served markup without Next's scripts instead.
  const html = await (await request.get('/life-sciences/page/999')).text();
  await page.goto('/robots.txt'); // so the page's relative stylesheet links resolve on this server
  await page.setContent(html.replace(/<script\b[^>]*>[\s\S]*?<\/script>/g, ''));
  await expect(page.getByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible();
  await expectNoAxeViolations(page);
});

test('after hydration a 404 still has one <main> and its own title', async ({ page }) => {
  const response = await page.goto('/life-sciences/page/999');
  expect(response?.status()).toBe(404);
  await page.waitForLoadState('networkidle');
  await expect(page.locator('main')).toHaveCount(1);
  await expect(page).toHaveTitle(/^Page not found/);
  await expectNoAxeViolations(page);
});

test('partner and sponsored articles are labelled alike on cards, the page, the feed and in JSON-LD', async ({ page, request }) => {
  const partner = `MedCity ${uniqueSuffix()}`;
  const section = await seedSection(db, { name: `Labelled ${uniqueSuffix()}` });
  const campaign = await seedCampaign(db, { name: `Partner series ${uniqueSuffix()}`, partnerName: partner });
  const author = await seedAuthor(db, { name: `Writer ${uniqueSuffix()}` });
  const image = await db.image.findFirstOrThrow({ where: { alt: { not: '' } }, orderBy: { createdAt: 'desc' } });
  const headline = `A partner story ${uniqueSuffix()}`;
  const article = await seedArticle(db, { headline, sectionId: section.id, campaignId: campaign.id, authorIds: [author.id], heroImageId: image.id });
  const path = articlePath({ slug: article.slug, section });

  // The section front's card says so, as the article's page does.
  await page.goto(`/${section.slug}`);
  const card = page.locator('article').filter({ has: page.getByRole('link', { name: headline }) });
  await expect(card).toContainText('Partner content');
  await page.goto(path);
  await expect(page.getByRole('complementary', { name: 'Disclosure' })).toContainText(`In partnership with ${partner}`);
  const ld = (await jsonLdOf(page)).find((b) => b['@type'] === 'NewsArticle')!;
  expect(ld.sponsor).toEqual({ '@type': 'Organization', name: partner });

  // Its images in the three aspects Google asks for, each an image of that shape.
  const images = ld.image as string[];
  expect(images).toHaveLength(3);
  const aspects = [[16, 9], [4, 3], [1, 1]] as const;
  for (const [i, url] of images.entries()) {
    const [w, h] = aspects[i]!;
    const answer = await request.get(url);
    expect(answer.status()).toBe(200);
    expect(answer.headers()['content-type']).toBe('image/jpeg');
    const { width, height } = await sharp(await answer.body()).metadata();
    expect(Math.abs(width! / height! - w / h)).toBeLessThan(0.01);
    expect(width).toBe(Math.min(1200, image.width, Math.floor((image.height * w) / h)));
  }
  expect((await request.get('/media/crop/2x1/whatever.jpg')).status()).toBe(404);

  // The site feed labels the item, in a category and before its summary.
  const feed = new XMLParser({ isArray: (name) => ['item', 'category'].includes(name) }).parse(await (await request.get('/feed.xml', UNCACHED)).text());
  const item = (feed.rss.channel.item as { title: string; category: (string | { '#text': string })[]; description: string }[]).find((i) => i.title === headline)!;
  expect(item.category.map((c) => (typeof c === 'string' ? c : c['#text']))).toContain('Partner content');
  expect(item.description).toMatch(/^Partner content: In partnership with /);
});

test('campaign and tag pages carry breadcrumbs in JSON-LD', async ({ page }) => {
  await page.goto('/campaigns/life-sciences-2020');
  const campaign = (await jsonLdOf(page)).find((b) => b['@type'] === 'BreadcrumbList')!;
  expect((campaign.itemListElement as { name: string }[]).map((c) => c.name)).toEqual(['Home', 'Life Sciences 2020']);
  await page.goto('/tags/ai');
  const tag = (await jsonLdOf(page)).find((b) => b['@type'] === 'BreadcrumbList')!;
  expect((tag.itemListElement as { position: number }[]).map((c) => c.position)).toEqual([1, 2]);
});

test('sitemaps date every entry: index files, the front page, tags, and lists by their newest article', async ({ request }) => {
  const section = await seedSection(db, { name: `Dated ${uniqueSuffix()}` });
  const tag = await seedTag(db, `Dated tag ${uniqueSuffix()}`);
  // The section row itself changed a month ago; its newest article an hour ago.
  await db.$executeRaw`UPDATE "Section" SET "updatedAt" = now() - interval '30 days' WHERE "id" = ${section.id}`;
  const newest = new Date(Date.now() - 60 * 60 * 1000);
  await seedArticle(db, { sectionId: section.id, tagIds: [tag.id], publishedAt: newest });

  const parser = new XMLParser({ isArray: (name) => ['url', 'sitemap'].includes(name) });
  const index = parser.parse(await (await request.get('/sitemap.xml', UNCACHED)).text());
  for (const entry of index.sitemapindex.sitemap as { loc: string; lastmod?: string }[]) expect(entry.lastmod, entry.loc).toMatch(/^\d{4}-\d\d-\d\dT/);

  const pages = parser.parse(await (await request.get('/sitemaps/pages.xml', UNCACHED)).text()).urlset.url as { loc: string; lastmod?: string }[];
  const at = (path: string) => pages.find((u) => new URL(u.loc).pathname === path || (path === '/' && new URL(u.loc).pathname === '/'));
  expect(at('/')?.lastmod).toMatch(/^\d{4}-/);
  expect(at(`/tags/${tag.slug}`)?.lastmod).toBe(newest.toISOString());
  expect(at(`/${section.slug}`)?.lastmod).toBe(newest.toISOString());
});

test('the front page names the brand once, and one URL for itself in canonical, JSON-LD and sitemap', async ({ page, request }) => {
  await page.goto('/');
  const title = await page.title();
  expect(title).toBe('Latest news | Masthead');
  const canonical = await page.locator('link[rel="canonical"]').getAttribute('href');
  const graph = (await jsonLdOf(page)).flatMap((b) => (b['@graph'] as { '@type': string; url?: string }[] | undefined) ?? []);
  expect(graph.find((g) => g['@type'] === 'WebSite')?.url).toBe(canonical);
  expect(await page.locator('meta[property="og:url"]').getAttribute('content')).toBe(canonical);
  const sitemap = await (await request.get('/sitemaps/pages.xml')).text();
  expect(sitemap).toContain(`<loc>${canonical}</loc>`);
});

test('pictures offer the widths reader pages use, not eight up to 3840 px, in the HTML and its hydration data', async ({ request }) => {
  const html = await (await request.get('/')).text();
  const srcsets = [...html.matchAll(/srcSet="([^"]+)"/g)].map((m) => m[1]!.split(', '));
  expect(srcsets.length).toBeGreaterThan(5);
  for (const candidates of srcsets) {
    expect(candidates.length).toBeLessThanOrEqual(4);
    for (const c of candidates) expect(Number(c.split(' ')[1]!.replace('w', ''))).toBeLessThanOrEqual(1600);
  }
  expect(html).not.toContain('w=3840');
});
