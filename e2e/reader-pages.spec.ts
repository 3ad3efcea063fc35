import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { articlePath } from '@/lib/routes';
import { seedArticle, seedAuthor, seedSection, sampleBody, uniqueSuffix } from '../prisma/seed/factories';
import { openTestData } from './fixtures/data';

const { db } = openTestData();
test.afterAll(async () => db.$disconnect());

/** Zero axe violations against WCAG 2.0/2.1/2.2 A and AA. */
async function expectNoAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

async function firstArticlePath(sectionSlug: string): Promise<string> {
  const a = await db.article.findFirstOrThrow({
    where: { status: 'PUBLISHED', section: { slug: sectionSlug }, publishedAt: { lte: new Date() } },
    orderBy: { publishedAt: 'desc' },
    select: { slug: true, section: { select: { slug: true } } },
  });
  return articlePath(a);
}

async function sponsoredArticlePath(): Promise<string> {
  const a = await db.article.findFirstOrThrow({
    where: { status: 'PUBLISHED', sponsored: true, campaign: { slug: 'life-sciences-2020' } },
    orderBy: { publishedAt: 'asc' },
    select: { slug: true, section: { select: { slug: true } } },
  });
  return articlePath(a);
}

/** The demo article that carries a correction (prisma/seed/demo.ts). */
async function correctedArticlePath(): Promise<string> {
  const a = await db.article.findFirstOrThrow({
    where: { status: 'PUBLISHED', corrections: { some: {} }, publishedAt: { lte: new Date() } },
    orderBy: { publishedAt: 'asc' },
    select: { slug: true, section: { select: { slug: true } } },
  });
  return articlePath(a);
}

test.describe('every page type answers 200, has one h1, and axe finds nothing', () => {
  const paths: [string, () => Promise<string>][] = [
    ['front page', async () => '/'],
    ['front page, page 2', async () => '/page/2'],
    ['section', async () => '/life-sciences'],
    ['subsection', async () => '/biotech'],
    ['article', () => sponsoredArticlePath()],
    ['plain article', () => firstArticlePath('culture')],
    ['corrected article', () => correctedArticlePath()],
    ['corrections', async () => '/corrections'],
    ['campaign', async () => '/campaigns/life-sciences-2020'],
    ['author', async () => '/authors/neelam-patel'],
    ['tag', async () => '/tags/ai'],
    ['search', async () => '/search?q=cluster'],
    ['about page', async () => '/about'],
    ['standing page', async () => '/about/ethics'],
    ['masthead page', async () => '/about/masthead'],
  ];
  for (const [name, path] of paths) {
    test(name, async ({ page }) => {
      const response = await page.goto(await path());
      expect(response?.status()).toBe(200);
      await expect(page.locator('h1')).toHaveCount(1);
      await expect(page.locator('link[rel="canonical"]')).toHaveAttribute('href', /^http/);
      await expect(page.locator('meta[property="og:title"]')).toHaveAttribute('content', /.+/);
      await expect(page.locator('meta[name="twitter:card"]')).toHaveAttribute('content', /summary/);
      await expect(page.locator('meta[name="description"]')).toHaveAttribute('content', /.+/);
      await expectNoAxeViolations(page);
    });
  }

  test('404 page', async ({ page }) => {
    const response = await page.goto('/no-such-section');
    expect(response?.status()).toBe(404);
    await expectNoAxeViolations(page);
  });
});

test('an article shows the full anatomy of a news article', async ({ page }) => {
  const path = await sponsoredArticlePath();
  await page.goto(path);
  const breadcrumb = page.getByRole('navigation', { name: 'Breadcrumb' });
  await expect(breadcrumb.getByRole('link', { name: 'Home', exact: true })).toHaveAttribute('href', '/');
  await expect(breadcrumb.getByRole('link', { name: 'Life sciences', exact: true })).toHaveAttribute('href', '/life-sciences');
  await expect(breadcrumb.locator('[aria-current="page"]')).toHaveAttribute('href', path);
  await expect(page.getByRole('link', { name: 'Life Sciences 2020' })).toHaveAttribute('href', '/campaigns/life-sciences-2020');
  await expect(page.getByRole('complementary', { name: 'Disclosure' })).toContainText('In partnership with MedCity');
  await expect(page.getByRole('complementary', { name: 'Disclosure' })).toContainText('Sponsored');
  await expect(page.locator('main')).toContainText('Neelam Patel, CEO, MedCity');
  await expect(page.getByRole('link', { name: 'Neelam Patel' }).first()).toHaveAttribute('href', '/authors/neelam-patel');
  await expect(page.locator('main')).toContainText('Published');
  await expect(page.locator('main time').first()).toHaveAttribute('datetime', /Z$/);
  await expect(page.locator('main')).toContainText(/\d+ min read/);
  const hero = page.locator('article figure img').first();
  await expect(hero).toHaveAttribute('alt', /.+/);
  await expect(hero).toHaveAttribute('fetchpriority', 'high');
  await expect(page.locator('article figure figcaption').first()).toContainText(/Photograph: .+\/.+/);
  await expect(page.locator('article .prose h2').first()).toBeVisible();
  await expect(page.locator('article .prose ul li').first()).toBeVisible();
  await expect(page.locator('article .prose blockquote')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Related articles' })).toBeVisible();
  // The oldest article of the campaign is followed by the next one of the same campaign.
  const next = page.getByRole('navigation', { name: 'Next article' }).getByRole('link');
  await next.click();
  await expect(page.getByRole('link', { name: 'Life Sciences 2020' })).toBeVisible();
  // Article pages ship no client components of their own: the HTML is cached and served as is (a HIT,
  // or a fresh render when another test's publish purged every page meanwhile).
  const again = await page.request.get(path);
  expect(again.headers()['x-cache']).toMatch(/^(HIT|MISS|COALESCED)$/);
});

test('an article is served as JSON-LD NewsArticle and BreadcrumbList with the fields Google reads', async ({ page }) => {
  const path = await sponsoredArticlePath();
  await page.goto(path);
  const blocks = (await page.locator('script[type="application/ld+json"]').allTextContents()).map((t) => JSON.parse(t) as Record<string, unknown>);
  const article = blocks.find((b) => b['@type'] === 'NewsArticle')!;
  expect(article).toBeTruthy();
  expect(article.headline).toBe(await page.locator('h1').textContent());
  // 16:9, 4:3 and 1:1, as Google asks (each served: see reader-checks.spec.ts).
  expect((article.image as string[]).map((u) => new URL(u).pathname.split('/').slice(0, 4).join('/'))).toEqual(['/media/crop/16x9', '/media/crop/4x3', '/media/crop/1x1']);
  expect(article.datePublished).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/);
  expect(article.dateModified).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/);
  expect(article.author).toEqual(expect.arrayContaining([expect.objectContaining({ '@type': 'Person', name: 'Neelam Patel', url: expect.stringMatching(/\/authors\/neelam-patel$/) })]));
  expect(article.publisher).toMatchObject({
    '@type': 'NewsMediaOrganization',
    name: expect.any(String),
    logo: { '@type': 'ImageObject', url: expect.stringMatching(/\/logo\.png$/) },
    ethicsPolicy: expect.stringMatching(/\/about\/ethics$/),
    masthead: expect.stringMatching(/\/about\/masthead$/),
  });
  expect(article.articleSection).toBe('Life sciences');
  expect(article.isAccessibleForFree).toBe(true);
  const crumbs = blocks.find((b) => b['@type'] === 'BreadcrumbList')!;
  expect((crumbs.itemListElement as { name: string }[]).map((c) => c.name)).toEqual(['Home', 'Life sciences', article.headline]);
  const ogImage = await page.locator('meta[property="og:image"]').first().getAttribute('content');
  expect(ogImage).toMatch(/w=1200/);
  expect((await page.request.get(ogImage!)).status()).toBe(200);
  // The front page describes the publication and its search.
  await page.goto('/');
  const front = (await page.locator('script[type="application/ld+json"]').allTextContents()).map((t) => JSON.parse(t) as { '@graph'?: { '@type': string; potentialAction?: { '@type': string } }[] });
  const graph = front.flatMap((b) => b['@graph'] ?? []);
  expect(graph.map((g) => g['@type'])).toEqual(expect.arrayContaining(['NewsMediaOrganization', 'WebSite']));
  expect(graph.find((g) => g['@type'] === 'WebSite')?.potentialAction?.['@type']).toBe('SearchAction');
});

test('lists paginate with real links, and pages past the end are 404', async ({ page }) => {
  const section = await seedSection(db, { name: `Paginated ${uniqueSuffix()}` });
  for (let i = 0; i < 13; i++) {
    await seedArticle(db, { sectionId: section.id, headline: `Pagination story ${i} ${uniqueSuffix()}`, publishedAt: new Date(Date.now() - (i + 1) * 60_000) });
  }
  await page.goto(`/${section.slug}`);
  await expect(page.locator('main article')).toHaveCount(12);
  await page.getByRole('navigation', { name: 'Pagination' }).getByRole('link', { name: /Older/ }).click();
  await expect(page).toHaveURL(new RegExp(`/${section.slug}/page/2$`));
  await expect(page.locator('main article')).toHaveCount(1);
  await expect(page.locator('main article h2')).toContainText('Pagination story 12');
  expect((await page.request.get(`/${section.slug}/page/3`)).status()).toBe(404);
  expect((await page.request.get(`/${section.slug}?page=abc`)).status()).toBe(404);
  // The old form answers a permanent redirect to the path, and page 1 has no path of its own.
  const moves: [string, string][] = [[`/${section.slug}?page=2`, `/${section.slug}/page/2`], [`/${section.slug}/page/1`, `/${section.slug}`], ['/?page=2', '/page/2']];
  for (const [from, to] of moves) {
    const moved = await page.request.get(from, { maxRedirects: 0 });
    expect(moved.status(), from).toBe(301);
    const location = new URL(moved.headers().location ?? '', 'http://x');
    expect(location.pathname + location.search, from).toBe(to);
  }
  // The front page's latest list paginates too.
  await page.goto('/');
  await page.getByRole('navigation', { name: 'Pagination' }).getByRole('link', { name: /Older/ }).click();
  await expect(page).toHaveURL(/\/page\/2$/);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('page 2');
});

test('search finds a word that appears only in one body, and author names, with highlighted snippets', async ({ page }) => {
  const section = await db.section.findUniqueOrThrow({ where: { slug: 'technology' } });
  const word = `zyxquorum${uniqueSuffix().replace(/[^a-z]/g, '')}`;
  const author = await seedAuthor(db, { name: `Philippa Searchable${uniqueSuffix().replace(/[^a-z]/g, '')}` });
  const article = await seedArticle(db, { sectionId: section.id, headline: `A quiet story ${uniqueSuffix()}`, body: sampleBody(`which mentions ${word} once`), authorIds: [author.id] });
  await seedArticle(db, { sectionId: section.id, status: 'DRAFT', headline: `Draft ${uniqueSuffix()}`, body: sampleBody(word) });

  await page.goto('/search');
  await page.getByLabel('Search articles').fill(word);
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page.getByRole('heading', { name: `1 result for “${word}”` })).toBeVisible();
  await expect(page.getByRole('link', { name: article.headline })).toHaveAttribute('href', `/technology/${article.slug}`);
  await expect(page.locator('main mark').first()).toHaveText(word);

  await page.goto(`/search?q=${encodeURIComponent(author.name)}`);
  await expect(page.getByRole('link', { name: article.headline })).toBeVisible();
  // Headline matches (weight A) rank above body matches (weight C).
  await page.goto('/search?q=cluster');
  await expect(page.locator('main ol li h3').first()).toContainText(/cluster/i);
  expect((await page.request.get('/search?q=cluster&page=0')).status()).toBe(404);
});

test('drafts, articles in review, scheduled, archived and trashed articles are 404 to readers', async ({ page }) => {
  const section = await db.section.findUniqueOrThrow({ where: { slug: 'health' } });
  const hidden = [
    await seedArticle(db, { sectionId: section.id, status: 'DRAFT', headline: `Hidden draft ${uniqueSuffix()}` }),
    await seedArticle(db, { sectionId: section.id, status: 'IN_REVIEW', headline: `Hidden review ${uniqueSuffix()}` }),
    await seedArticle(db, { sectionId: section.id, status: 'SCHEDULED', scheduledAt: new Date(Date.now() + 3_600_000), headline: `Hidden scheduled ${uniqueSuffix()}` }),
    await seedArticle(db, { sectionId: section.id, status: 'PUBLISHED', publishedAt: new Date(Date.now() + 3_600_000), headline: `Hidden future ${uniqueSuffix()}` }),
    await seedArticle(db, { sectionId: section.id, status: 'ARCHIVED', publishedAt: new Date(Date.now() - 3_600_000), headline: `Hidden archived ${uniqueSuffix()}` }),
    await seedArticle(db, { sectionId: section.id, deletedAt: new Date(), headline: `Hidden trashed ${uniqueSuffix()}` }),
  ];
  for (const a of hidden) {
    const response = await page.goto(`/health/${a.slug}`);
    expect(response?.status(), a.headline).toBe(404);
    await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
  }
  for (const path of ['/no-such-section', '/health/no-such-article', '/campaigns/no-such-campaign', '/authors/no-such-author', '/tags/no-such-tag']) {
    expect((await page.request.get(path)).status(), path).toBe(404);
  }
});

test('a changed slug answers a permanent redirect to the new URL', async ({ request }) => {
  const section = await db.section.findUniqueOrThrow({ where: { slug: 'business' } });
  const suffix = uniqueSuffix();
  const article = await seedArticle(db, { sectionId: section.id, headline: `Renamed story ${suffix}`, slug: `renamed-story-${suffix}` });
  await db.redirect.create({ data: { fromPath: `/business/old-story-${suffix}`, toPath: `/business/${article.slug}` } });
  const response = await request.get(`/business/old-story-${suffix}`, { maxRedirects: 0 });
  // proxy.ts answers 301 from the Redirect table before the page renders.
  expect(response.status()).toBe(301);
  // Next 16.4 repeats the Location header on redirects from ISR pages; every copy must name the new URL.
  const locations = response.headersArray().filter((h) => h.name.toLowerCase() === 'location');
  expect(locations.length).toBeGreaterThan(0);
  for (const l of locations) expect(l.value).toBe(`/business/${article.slug}`);
  expect((await request.get(`/business/${article.slug}`)).status()).toBe(200);
});

test('an article edited after publication says "Updated"; an untouched one does not', async ({ page }) => {
  const section = await db.section.findUniqueOrThrow({ where: { slug: 'culture' } });
  const publishedAt = new Date(Date.now() - 2 * 24 * 3_600_000);
  const untouched = await seedArticle(db, { sectionId: section.id, headline: `Untouched ${uniqueSuffix()}`, publishedAt });
  const edited = await seedArticle(db, { sectionId: section.id, headline: `Edited ${uniqueSuffix()}`, publishedAt });
  await db.article.update({ where: { id: edited.id }, data: { standfirst: 'Corrected standfirst.' } });

  await page.goto(`/culture/${untouched.slug}`);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page.getByText('Updated', { exact: true })).toHaveCount(0);
  await page.goto(`/culture/${edited.slug}`);
  await expect(page.getByText('Updated', { exact: true })).toBeVisible();
});

test('a section front loads its first picture (the largest thing a phone shows first) at once, and the rest lazily', async ({ request }) => {
  const html = await (await request.get('/life-sciences')).text();
  const main = html.slice(html.indexOf('<main'));
  const images = [...main.matchAll(/<img\b[^>]*>/g)].map((m) => m[0]);
  expect(images.length).toBeGreaterThan(1);
  expect(images[0]).toMatch(/fetchpriority="high"/i);
  expect(images[0]).not.toContain('loading="lazy"');
  expect(images[1]).toContain('loading="lazy"');
});
