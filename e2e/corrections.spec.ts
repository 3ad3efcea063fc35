import { XMLParser } from 'fast-xml-parser';
import { seedArticle, seedAuthor, seedSection, uniqueSuffix } from '../prisma/seed/factories';
import { expect, test } from './fixtures/auth';
import { cachedAnswer } from './fixtures/page-cache';

// One at a time: each test adds or withdraws a correction, which purges /corrections and its feed, and
// the first checks that /corrections stays cached until its own correction purges it.
test.describe.configure({ mode: 'serial' });

// Issue #14's acceptance: a correction added through the dashboard shows on the page, in the JSON-LD
// and in the feeds, and on /corrections. Reader requests go through plain fetch or a fresh browser
// context, without the editor's cookies, so they are answered as readers are (from the response cache
// when it holds the page: these tests also show that a correction purges it).
const BASE = `http://127.0.0.1:${Number(process.env.E2E_PORT ?? 3100)}`;
const anonymous = (path: string) => fetch(`${BASE}${path}`, { redirect: 'manual' });
const DAY = 24 * 60 * 60 * 1000;

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', isArray: (name) => name === 'item' });
type FeedItem = { title: string; link: string; guid: string | { '#text': string }; pubDate: string; description: string; 'atom:updated'?: string };
async function feedItems(path: string): Promise<FeedItem[]> {
  const response = await anonymous(path);
  expect(response.status, path).toBe(200);
  expect(response.headers.get('content-type')).toContain('application/rss+xml');
  return (parser.parse(await response.text()).rss.channel.item ?? []) as FeedItem[];
}

test('an editor adds a correction in the dashboard; readers see it at the foot and under the standfirst, in the JSON-LD, the feeds and /corrections', async ({ page, db, signInAs, browser }) => {
  test.setTimeout(120_000);
  const section = await seedSection(db);
  const author = await seedAuthor(db);
  const image = await db.image.findFirstOrThrow({ where: { alt: { not: '' } }, orderBy: { createdAt: 'desc' } });
  // Old enough that it is not among the site feed's 30 newest: a correction brings it back.
  const publishedAt = new Date(Date.now() - 400 * DAY);
  const article = await seedArticle(db, { headline: `Harbour tolls ${uniqueSuffix()}`, sectionId: section.id, authorIds: [author.id], heroImageId: image.id, publishedAt });
  const path = `/${section.slug}/${article.slug}`;
  const url = `${BASE}${path}`;

  // Readers' pages are cached before the correction…
  expect((await cachedAnswer(anonymous, path)).headers.get('x-cache')).toBe('HIT');
  const listBefore = await cachedAnswer(anonymous, '/corrections');
  expect(listBefore.headers.get('x-cache')).toBe('HIT');
  expect(listBefore.headers.get('surrogate-key')?.split(' ')).toContain('corrections');
  expect(await listBefore.text()).not.toContain(article.headline);
  expect((await feedItems('/feed.xml')).map((i) => i.link)).not.toContain(url);

  // …an editor adds the correction through the editor's Corrections panel…
  await signInAs('EDITOR');
  await page.goto(`/dashboard/articles/${article.id}`);
  const form = page.getByRole('form', { name: 'Add a correction' });
  await form.getByRole('button', { name: 'Add correction' }).click();
  await expect(form.getByRole('alert')).toBeVisible();
  await expect(form.getByText(/Write what was corrected/)).toBeVisible();
  const text = `An earlier version of this article said the tolls rise by 12%. They rise by 21%; this has been corrected. <script>window.__xss = 1</script> ${uniqueSuffix()}`;
  await form.getByLabel('Kind').selectOption('CORRECTION');
  await form.getByLabel('Text').fill(text);
  await form.getByRole('button', { name: 'Add correction' }).click();
  await expect(form.getByRole('status')).toHaveText('Correction published.');
  const panel = page.getByRole('region', { name: 'Corrections' });
  await expect(panel.getByTestId('editor-corrections')).toContainText(text);
  const correction = await db.correction.findFirstOrThrow({ where: { articleId: article.id } });
  expect(correction.text).toBe(text);
  // The editor's next save builds on the version the correction made: no conflict.
  await page.getByRole('textbox', { name: 'Standfirst', exact: true }).fill('What the new tolls mean for the ferry, and who pays them.');
  await page.getByRole('button', { name: 'Save now' }).click();
  await expect(page.getByTestId('save-state')).toHaveText(/All changes saved/, { timeout: 15_000 });
  await page.goto(`/dashboard/articles/${article.id}/history`);
  await expect(page.getByTestId('revision-correction')).toContainText(text);

  // …and an anonymous reader sees it at once.
  const reader = await browser.newContext();
  const readerPage = await reader.newPage();
  const response = await readerPage.goto(`${BASE}${path}`);
  expect(response?.status()).toBe(200);
  const note = readerPage.getByTestId('correction-note');
  await expect(note).toContainText('This article was corrected');
  await note.getByRole('link', { name: 'Read the correction' }).click();
  await expect(readerPage).toHaveURL(`${url}#corrections`);
  const foot = readerPage.getByRole('region', { name: 'Correction' });
  await expect(foot).toBeInViewport();
  await expect(foot).toContainText(text); // the markup is shown as the text it is…
  expect(await readerPage.evaluate(() => (window as { __xss?: number }).__xss)).toBeUndefined(); // …and never runs
  await expect(foot.locator('time')).toHaveAttribute('datetime', correction.publishedAt.toISOString());

  const ld = await readerPage.locator('script[type="application/ld+json"]').evaluateAll((nodes) => nodes.map((n) => JSON.parse(n.textContent ?? '{}') as Record<string, unknown>));
  const news = ld.find((d) => d['@type'] === 'NewsArticle')!;
  expect(news.correction).toEqual([{ '@type': 'CorrectionComment', text: `Correction: ${text}`, datePublished: correction.publishedAt.toISOString() }]);
  expect(news.datePublished).toBe(publishedAt.toISOString());
  expect(Date.parse(news.dateModified as string)).toBeGreaterThanOrEqual(correction.publishedAt.getTime());
  await reader.close();

  // The site feed and the section feed list the article again as updated, with its original pubDate.
  for (const feed of ['/feed.xml', `/feeds/sections/${section.slug}`]) {
    const item = (await feedItems(feed)).find((i) => i.link === url);
    expect(item, feed).toBeDefined();
    expect(new Date(item!.pubDate).getTime(), feed).toBe(Math.floor(publishedAt.getTime() / 1000) * 1000);
    expect(Date.parse(item!['atom:updated']!), feed).toBe(correction.publishedAt.getTime());
    expect(item!.description, feed).toContain(text);
  }

  // /corrections lists it first (it was cached before: the correction purged it), and so does its feed.
  const list = await anonymous('/corrections');
  expect(await list.text()).toContain(article.headline);
  expect((await cachedAnswer(anonymous, '/corrections')).headers.get('x-cache')).toBe('HIT');
  const record = await db.changeEvent.findFirstOrThrow({ where: { targetId: article.id, kind: 'article.correct' } });
  expect([...record.tags].sort()).toEqual([`article:${article.id}`, 'corrections', 'modified']);
  await page.goto('/corrections');
  // The other tests of this file add corrections at the same time: find this one by its text, not as the first.
  const listed = page.getByTestId('corrections-list').getByRole('listitem').filter({ hasText: text });
  await expect(listed.getByRole('link', { name: article.headline, exact: true })).toHaveAttribute('href', path);
  await expect(listed).toContainText('Correction');
  await expect(page.locator('link[rel="alternate"][type="application/rss+xml"]')).toHaveAttribute('href', `${BASE}/feeds/corrections`);
  const newest = (await feedItems('/feeds/corrections')).find((i) => i.link === `${url}#correction-${correction.id}`);
  expect(newest).toMatchObject({ title: `Correction: ${article.headline}`, link: `${url}#correction-${correction.id}`, description: text });
});

test('/corrections paginates with paths of their own, and answers 404 past its last page', async () => {
  const first = await anonymous('/corrections');
  expect(first.status).toBe(200);
  expect((await anonymous('/corrections?page=2')).status).toBe(301);
  expect((await anonymous('/corrections/page/999')).status).toBe(404);
});

test('an editor withdraws a correction added by mistake; readers no longer see it and the history keeps it', async ({ page, db, signInAs }) => {
  const section = await seedSection(db);
  const article = await seedArticle(db, { headline: `Wrong article ${uniqueSuffix()}`, sectionId: section.id, publishedAt: new Date(Date.now() - DAY) });
  const path = `/${section.slug}/${article.slug}`;
  await signInAs('EDITOR');
  await page.goto(`/dashboard/articles/${article.id}`);
  const text = `Meant for another story ${uniqueSuffix()}`;
  const form = page.getByRole('form', { name: 'Add a correction' });
  await form.getByLabel('Kind').selectOption('CLARIFICATION');
  await form.getByLabel('Text').fill(text);
  await form.getByRole('button', { name: 'Add correction' }).click();
  await expect(form.getByRole('status')).toHaveText('Correction published.');
  expect(await (await anonymous(path)).text()).toContain(text);

  const panel = page.getByRole('region', { name: 'Corrections' });
  await panel.getByRole('button', { name: 'Withdraw (added by mistake)' }).click();
  await expect(panel.getByRole('status').first()).toHaveText('Correction withdrawn.');
  await expect(panel).toContainText('None yet.');
  expect(await (await anonymous(path)).text()).not.toContain(text);
  // The editor still saves without a conflict, and the history shows both steps.
  await page.getByRole('textbox', { name: 'Standfirst', exact: true }).fill('A standfirst written after the withdrawal.');
  await page.getByRole('button', { name: 'Save now' }).click();
  await expect(page.getByTestId('save-state')).toHaveText(/All changes saved/, { timeout: 15_000 });
  await page.goto(`/dashboard/articles/${article.id}/history`);
  await expect(page.getByTestId('revision-correction')).toHaveText([new RegExp(`Clarification withdrawn: ${text}`), new RegExp(`Clarification added: ${text}`)]);
});
