import type { Page } from '@playwright/test';
import { seedArticle, seedAuthor, seedSection, uniqueSuffix } from '../prisma/seed/factories';
import { expect, test } from './fixtures/auth';

// Issue #13's newsletter acceptance in the browser, through a real SMTP server (tests/support/
// smtp-sink-server.ts): an editor adds a newsletter in the dashboard; a reader signs up on a section
// front with the plain form, confirms by the emailed link, gets the article the editor then publishes
// (one email, with one-click unsubscribe), unsubscribes in one click as a mail client does, and gets
// nothing after.
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
  const newsletter = page.getByRole('region', { name });
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
