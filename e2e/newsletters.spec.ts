import type { Page } from '@playwright/test';
import { seedArticle, seedAuthor, seedNewsletter, seedSection, uniqueSuffix } from '../prisma/seed/factories';
import { expect, test } from './fixtures/auth';
import { cachedAnswer } from './fixtures/page-cache';

// Issue #13's newsletter acceptance in the browser, through a real SMTP server (tests/support/
// smtp-sink-server.ts): an editor adds a newsletter in the dashboard; a reader signs up on a section
// front with the plain form, confirms by the emailed link, gets the article the editor then publishes
// (one email, with one-click unsubscribe), unsubscribes in one click as a mail client does, and gets
// nothing after.
const BASE = `http://127.0.0.1:${Number(process.env.E2E_PORT ?? 3100)}`;
const SINK = `http://127.0.0.1:${Number(process.env.E2E_PORT ?? 3100) + 25}`;
const shots = process.env.E2E_SCREENSHOTS;

type Sunk = {
  to: string[];
  subject: string;
  text: string;
  html: string;
  messageId: string;
  listUnsubscribe: string | null;
  listUnsubscribePost: string | null;
};
const mailTo = async (address: string): Promise<Sunk[]> =>
  (await (await fetch(`${SINK}/messages?to=${encodeURIComponent(address)}`)).json()) as Sunk[];

async function publishInEditor(page: Page, articleId: string) {
  await page.goto(`/dashboard/articles/${articleId}`);
  await page.getByRole('button', { name: 'Publish now' }).click();
  await expect(page.getByTestId('article-status')).toHaveText('Published', { timeout: 15_000 });
}

test('a reader signs up on a section front, confirms by email, gets the published article once, unsubscribes in one click and gets nothing more', async ({
  page,
  browser,
  db,
  signInAs,
}) => {
  test.setTimeout(150_000);
  const suffix = uniqueSuffix();
  const section = await seedSection(db, { name: `Harbour ${suffix}` });
  const author = await seedAuthor(db, { name: `Harbour Reporter ${suffix}`, jobTitle: 'Maritime correspondent' });
  const image = await db.image.findFirstOrThrow({ where: { alt: { not: '' } }, orderBy: { createdAt: 'desc' } });
  const draft = (headline: string) =>
    seedArticle(db, {
      sectionId: section.id,
      headline,
      standfirst: 'The port authority spoke this morning.',
      status: 'DRAFT',
      authorIds: [author.id],
      heroImageId: image.id,
    });
  const first = await draft(`Harbour reopens after the storm ${suffix}`);
  const second = await draft(`Ferry timetable changes ${suffix}`);
  const name = `Harbour alerts ${suffix}`;

  // The section front is in the response cache before the newsletter is added.
  const front = await cachedAnswer((p) => fetch(`${BASE}${p}`), `/${section.slug}`);
  expect(front.headers.get('x-cache')).toBe('HIT');
  expect(front.headers.get('surrogate-key')?.split(' ')).toContain('newsletters');

  // The editor adds the newsletter, following the section.
  await signInAs('EDITOR');
  await page.goto('/dashboard/newsletters');
  const form = page.getByRole('form', { name: 'New newsletter' });
  await form.getByLabel('Name', { exact: true }).fill(name);
  await form.getByLabel('Sender name').fill('Harbour desk');
  await form.getByLabel('Sender address').fill('harbour@news.example');
  await form.getByLabel(section.name).check();
  await form.getByRole('button', { name: 'Add newsletter' }).click();
  await expect(form.getByRole('status')).toContainText('Newsletter added');
  // Its change purges the pages with a sign-up form, not every page.
  const added = await db.newsletter.findFirstOrThrow({ where: { name }, select: { id: true } });
  const record = await db.changeEvent.findFirstOrThrow({ where: { kind: 'newsletter.created', targetId: added.id } });
  expect(record.tags).toEqual(['newsletters']);

  // A reader, without JavaScript: the sign-up form is plain HTML.
  const reader = await browser.newContext({ javaScriptEnabled: false });
  const readerPage = await reader.newPage();
  const email = `reader-${suffix}@example.org`;
  await readerPage.goto(`/${section.slug}`);
  const signup = readerPage.getByRole('region', { name: 'Get our newsletters' });
  await expect(signup.getByLabel(new RegExp(name))).toBeChecked();
  await signup.getByLabel('Email address').fill(email);
  if (shots) await signup.screenshot({ path: `${shots}/newsletter-signup.png` });
  await signup.getByRole('button', { name: 'Sign up' }).click();
  await expect(readerPage.getByRole('heading', { name: 'Check your inbox' })).toBeVisible();

  // Nothing but the confirmation until the reader follows its link.
  await expect.poll(async () => (await mailTo(email)).length, { timeout: 30_000 }).toBe(1);
  const [confirmation] = await mailTo(email);
  expect(confirmation!.subject).toMatch(/^Confirm your subscription/);
  const confirmLink = /(http\S+\/newsletters\/confirm\?token=[A-Za-z0-9._-]+)/.exec(confirmation!.text)![1]!;
  await readerPage.goto(confirmLink);
  await expect(readerPage.getByRole('status')).toContainText('your subscription is confirmed');
  await expect(readerPage.getByLabel(new RegExp(name))).toBeChecked();
  if (shots) await readerPage.screenshot({ path: `${shots}/newsletter-preferences.png`, fullPage: true });

  // The editor publishes: one email to the reader, with the one-click headers.
  await publishInEditor(page, first.id);
  await expect.poll(async () => (await mailTo(email)).filter((m) => m.subject === first.headline).length, { timeout: 45_000 }).toBe(1);
  const article = (await mailTo(email)).find((m) => m.subject === first.headline)!;
  expect(article.text).toContain('The port authority spoke this morning.');
  expect(article.text).toContain('Maritime correspondent');
  expect(article.listUnsubscribePost).toBe('List-Unsubscribe=One-Click');
  const oneClick = /^<(http[^>]+\/newsletters\/one-click\?token=[^>]+)>/.exec(article.listUnsubscribe ?? '')![1]!;

  // The mail client's one click: a POST with that body, no cookie, no Origin.
  const unsubscribed = await reader.request.post(oneClick, { form: { 'List-Unsubscribe': 'One-Click' } });
  expect(unsubscribed.status()).toBe(200);

  // The next article goes to nobody: the send completes with no recipient.
  await publishInEditor(page, second.id);
  await page.goto('/dashboard/newsletters');
  if (shots) await page.screenshot({ path: `${shots}/newsletter-list.png`, fullPage: true });
  await page.getByRole('link', { name, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  const newsletter = page.getByRole('region', { name: 'Send log' });
  await expect
    .poll(
      async () => {
        await page.reload();
        return newsletter.getByRole('row').filter({ hasText: second.headline }).textContent();
      },
      { timeout: 45_000 },
    )
    .toMatch(/Done\s*0/);
  await expect(newsletter.getByRole('row').filter({ hasText: first.headline })).toContainText('Done');
  if (shots) await page.screenshot({ path: `${shots}/newsletter-dashboard.png`, fullPage: true });
  expect((await mailTo(email)).map((m) => m.subject)).toEqual([confirmation!.subject, first.headline]);
  await reader.close();
});

test('an editor sends an article by hand: refused before a test, a test to themselves, then one email to each subscriber, once', async ({
  page,
  db,
  signInAs,
}) => {
  test.setTimeout(120_000);
  const suffix = uniqueSuffix();
  const section = await seedSection(db, { name: `Quay ${suffix}` });
  const article = await seedArticle(db, {
    sectionId: section.id,
    headline: `Night ferry returns to the quay ${suffix}`,
    standfirst: 'Crossings resume on Monday.',
    status: 'PUBLISHED',
  });
  // A newer article tops the list: the chosen one must stay chosen from the test to the send.
  const newer = await seedArticle(db, { sectionId: section.id, headline: `Harbour lights relit ${suffix}`, status: 'PUBLISHED' });
  // A digest due twelve hours from now: nothing but the sends by hand goes out during the test.
  const now = new Date();
  const newsletter = await seedNewsletter(db, {
    name: `Quay weekly ${suffix}`,
    mode: 'DIGEST',
    digestMinute: (now.getUTCHours() * 60 + now.getUTCMinutes() + 720) % 1440,
    sectionIds: [section.id],
  });
  const reader = `quay-${suffix}@example.org`;
  await db.subscriber.create({
    data: { email: reader, confirmedAt: now, subscriptions: { create: [{ newsletterId: newsletter.id, status: 'ACTIVE' }] } },
  });

  const editor = await signInAs('EDITOR');
  await page.goto(`/dashboard/newsletters/${newsletter.id}`);
  const form = page.getByRole('form', { name: `Send an article of ${newsletter.name} by hand` });
  await form.getByLabel('Article').selectOption(article.id);
  const sendToAll = form.getByRole('button', { name: 'Send to 1 subscriber' });

  // Everyone's copy waits for the editor's own test of that article.
  await sendToAll.click();
  await expect(form.getByRole('alert')).toHaveText('Send yourself a test of this article first.');
  await form.getByRole('button', { name: 'Send a test to me' }).click();
  await expect(form.getByRole('status')).toContainText(`Test queued to ${editor.email}`);
  await expect(form.getByLabel('Article')).toHaveValue(article.id);
  await expect.poll(async () => (await mailTo(editor.email)).map((m) => m.subject), { timeout: 45_000 }).toEqual([`[Test] ${article.headline}`]);
  expect(await mailTo(reader)).toEqual([]);
  if (shots) await page.getByRole('region', { name: 'Send an article by hand' }).screenshot({ path: `${shots}/newsletter-send-by-hand.png` });

  // Another article, chosen after the test, is what the send asks for, and has had no test. A choice
  // changed while that answer is awaited (the request held back 1.5 s) is still chosen when it comes.
  const actions = `**/dashboard/newsletters/${newsletter.id}`;
  await page.route(actions, async (route) => {
    if (route.request().method() === 'POST') await new Promise((resolve) => setTimeout(resolve, 1500));
    await route.fallback();
  });
  await form.getByLabel('Article').selectOption(newer.id);
  await sendToAll.click();
  await expect(sendToAll).toBeDisabled();
  await form.getByLabel('Article').selectOption(article.id);
  await expect(form.getByRole('alert')).toHaveText('Send yourself a test of this article first.');
  await expect(form.getByLabel('Article')).toHaveValue(article.id);
  await page.unroute(actions);

  // Then to every subscriber: one email, and the article goes to this newsletter only once.
  await sendToAll.click();
  await expect(form.getByRole('status')).toContainText('Sending to every subscriber');
  await expect.poll(async () => (await mailTo(reader)).map((m) => m.subject), { timeout: 45_000 }).toEqual([article.headline]);
  await sendToAll.click();
  await expect(form.getByRole('alert')).toHaveText('This article has already gone to this newsletter.');

  // The send log: the send to everyone (1 recipient, 1 delivered, none failed or gone), then the test, to the editor.
  const log = page.getByRole('region', { name: 'Send log' });
  const rows = async () => {
    await page.reload();
    return (await log.getByRole('row').filter({ hasText: article.headline }).allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
  };
  await expect.poll(async () => (await rows())[0] ?? '', { timeout: 45_000 }).toMatch(/Article .* Done 1 1 0 0$/);
  const [, testRow] = await rows();
  expect(testRow).toContain(`Test ${article.headline} to ${editor.email}`);
  expect(testRow).toMatch(/ Done 1 1 0 0$/);
  expect((await mailTo(reader)).length).toBe(1);
});
