import type { Page } from '@playwright/test';
import type { PrismaClient } from '@/lib/generated/prisma/client';
import { PREVIEW_TTL_MS, signPreviewToken } from '@/lib/articles/preview-token';
import { seedArticle, seedAuthor, seedSection } from '../prisma/seed/factories';
import { realImage } from '../tests/support/image-files';
import { createTestUser, expect, signInWithForm, test, type TestUser } from './fixtures/auth';

/** A seeded library image with alt text (the demo seed's). */
async function anImage(db: PrismaClient) {
  return db.image.findFirstOrThrow({ where: { alt: { not: '' } }, orderBy: { createdAt: 'desc' } });
}

async function userWithAuthor(db: PrismaClient, role: TestUser['role']) {
  const user = await createTestUser(db, { role });
  const author = await seedAuthor(db, { name: user.name, userId: user.id });
  return { user, author };
}

async function expectSaved(page: Page) {
  await expect(page.getByTestId('save-state')).toHaveText(/All changes saved/, { timeout: 15_000 });
}

test('a writer writes an article with an image and submits it; an editor fixes the checklist and publishes; readers see it at once', async ({ browser, db }) => {
  test.setTimeout(150_000); // three people, two sign-ins and a dozen saves on a shared CI machine
  const section = await seedSection(db);
  const { user: writer } = await userWithAuthor(db, 'WRITER');
  const writerPage = await (await browser.newContext()).newPage();
  await signInWithForm(writerPage, writer);
  await writerPage.goto('/dashboard/articles/new');
  const headline = `Harbour reopens ${Date.now()}`;
  await writerPage.getByLabel('Headline').fill(headline);
  await writerPage.getByLabel('Section').selectOption(section.id);
  await writerPage.getByRole('button', { name: 'Create draft' }).click();
  await expect(writerPage).toHaveURL(/\/dashboard\/articles\/[a-z0-9]+$/);

  const body = writerPage.getByTestId('body-editor');
  await body.click();
  await writerPage.keyboard.type('The harbour opened again on Monday after two years of repairs.');
  // Paste from a word processor: foreign headings, fonts, spans and underline are normalised.
  await body.evaluate((el) => {
    const data = new DataTransfer();
    data.setData(
      'text/html',
      '<p>Intro line</p><h1 style="font-family:Calibri">Pasted title</h1><p class="MsoNormal"><span style="font-size:14pt;color:red"><u>Plain</u> <b>bold</b></span></p><h4>Small head</h4>',
    );
    data.setData('text/plain', 'Pasted title Plain bold Small head');
    el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  });
  await writerPage.getByRole('button', { name: 'Insert image' }).click();
  await writerPage.getByRole('group', { name: 'Choose an image to insert' }).getByRole('button').first().click();
  // The hero image is uploaded from the editor itself and becomes the hero at once.
  const heroAlt = `Ferries at the reopened quay ${Date.now()}`;
  await writerPage.getByRole('group', { name: 'Hero image', exact: true }).getByText('Upload a new hero image').click();
  const upload = writerPage.getByRole('form', { name: 'Upload a hero image' });
  await upload.getByLabel('Image file').setInputFiles({ name: 'quay.jpg', mimeType: 'image/jpeg', buffer: await realImage('jpeg', 1200, 675) });
  await upload.getByLabel('Alt text').fill(heroAlt);
  await upload.getByRole('button', { name: 'Upload' }).click();
  await expect(writerPage.getByRole('radiogroup', { name: 'Hero image' }).getByRole('radio', { name: heroAlt })).toBeChecked({ timeout: 30_000 }); // re-encoding on a busy machine
  await expectSaved(writerPage);
  if (process.env.E2E_SCREENSHOTS) await writerPage.screenshot({ path: `${process.env.E2E_SCREENSHOTS}/editor.png`, fullPage: true });

  const articleId = writerPage.url().split('/').pop()!;
  const saved = await db.article.findUniqueOrThrow({ where: { id: articleId } });
  const json = JSON.stringify(saved.body);
  expect(json).toContain('"type":"image"');
  const blocks = (saved.body as { content: unknown[] }).content;
  expect(blocks).toContainEqual({ type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Pasted title' }] });
  expect(blocks).toContainEqual({ type: 'heading', attrs: { level: 3 }, content: [{ type: 'text', text: 'Small head' }] });
  expect(blocks).toContainEqual({ type: 'paragraph', content: [{ type: 'text', text: 'Plain ' }, { type: 'text', text: 'bold', marks: [{ type: 'bold' }] }] });
  expect(json).not.toMatch(/underline|font|span|Calibri|color/i);
  expect(saved.heroImageId).toBe((await db.image.findFirstOrThrow({ where: { alt: heroAlt } })).id);
  expect(saved.bylineText).toBe(writer.name);

  await writerPage.getByRole('button', { name: 'Submit for review' }).click();
  await expect(writerPage.getByTestId('article-status')).toHaveText('In review', { timeout: 15_000 });
  await expect(writerPage.getByRole('button', { name: 'Publish now' })).toHaveCount(0);

  const editorPage = await (await browser.newContext()).newPage();
  await signInWithForm(editorPage, await createTestUser(db, { role: 'EDITOR' }));
  await editorPage.goto(`/dashboard/articles/${articleId}`);
  await expect(editorPage.getByTestId('checklist')).toContainText('Write a standfirst.');
  await editorPage.getByRole('button', { name: 'Publish now' }).click();
  await expect(editorPage.getByRole('alert').filter({ hasText: 'not ready to publish' })).toBeVisible({ timeout: 15_000 });
  await expect(editorPage.getByText('Write a standfirst.').first()).toBeVisible();
  await editorPage.getByLabel('Standfirst').fill('Ferries return to the old quay.');
  await editorPage.getByRole('button', { name: 'Publish now' }).click();
  await expect(editorPage.getByTestId('article-status')).toHaveText('Published', { timeout: 15_000 });
  if (process.env.E2E_SCREENSHOTS) await editorPage.screenshot({ path: `${process.env.E2E_SCREENSHOTS}/editor-published.png`, fullPage: true });

  // Fresh at once: the very first request after publishing (no retry, no polling) shows the article.
  const reader = await (await browser.newContext()).newPage();
  expect(await (await reader.request.get(`/${section.slug}/${saved.slug}`)).text()).toContain(headline);
  expect(await (await reader.request.get('/')).text()).toContain(headline);
  await reader.goto(`/${section.slug}/${saved.slug}`);
  await expect(reader.getByRole('heading', { level: 1, name: headline })).toBeVisible();
  await expect(reader.getByText('Ferries return to the old quay.')).toBeVisible();
  const audit = await db.auditEvent.findFirst({ where: { targetId: articleId, action: 'article.publish' } });
  expect(audit).not.toBeNull();
});

test('a scheduled article goes live on its own shortly after its time', async ({ page, db, signInAs }) => {
  const section = await seedSection(db);
  const author = await seedAuthor(db);
  const image = await anImage(db);
  const article = await seedArticle(db, { sectionId: section.id, status: 'DRAFT', authorIds: [author.id], heroImageId: image.id, headline: `Scheduled ${Date.now()}` });
  await signInAs('EDITOR');
  await page.goto(`/dashboard/articles/${article.id}`);
  const at = new Date(Date.now() + 6000);
  const local = new Date(at.getTime() - at.getTimezoneOffset() * 60_000).toISOString().slice(0, 19);
  await page.getByLabel(/Publish at/).fill(local);
  await page.getByRole('button', { name: 'Schedule' }).click();
  await expect(page.getByTestId('article-status')).toHaveText('Scheduled');
  const reader = await (await page.context().browser()!.newContext()).newPage();
  const res = await reader.goto(`/${section.slug}/${article.slug}`);
  expect(res?.status()).toBe(404);
  await expect
    .poll(
      async () => {
        const r = await reader.request.get(`/${section.slug}/${article.slug}`);
        return r.status();
      },
      { timeout: 20_000, intervals: [1000] },
    )
    .toBe(200);
  expect(Date.now()).toBeLessThan(at.getTime() + 10_000);
  await reader.goto('/');
  await expect(reader.getByRole('link', { name: article.headline }).first()).toBeVisible();
});

test('two editors saving the same article: the second gets a conflict naming the first, and keeps their text as a copy', async ({ browser, db }) => {
  const section = await seedSection(db);
  const article = await seedArticle(db, { sectionId: section.id, status: 'DRAFT', headline: `Contested ${Date.now()}` });
  const grace = await createTestUser(db, { role: 'EDITOR', name: `Grace Chen ${Date.now()}` });
  const omar = await createTestUser(db, { role: 'EDITOR', name: `Omar Diaz ${Date.now()}` });
  const a = await (await browser.newContext()).newPage();
  const b = await (await browser.newContext()).newPage();
  await signInWithForm(a, grace);
  await signInWithForm(b, omar);
  await a.goto(`/dashboard/articles/${article.id}`);
  await b.goto(`/dashboard/articles/${article.id}`);
  await expect(b.getByTestId('presence')).toContainText(`${grace.name} is also editing`);

  await a.getByLabel('Standfirst').fill('Grace’s standfirst');
  await a.getByRole('button', { name: 'Save now' }).click();
  await expectSaved(a);
  await b.getByLabel('Headline').fill('Omar’s better headline');
  await b.getByRole('button', { name: 'Save now' }).click();
  const conflict = b.getByTestId('conflict');
  await expect(conflict).toContainText(grace.name);
  await expect(conflict).toContainText('Your changes were not saved');
  const stored = await db.article.findUniqueOrThrow({ where: { id: article.id } });
  expect(stored.standfirst).toBe('Grace’s standfirst');
  expect(stored.headline).toBe(article.headline);

  await conflict.getByRole('button', { name: 'Save my version as a new draft copy' }).click();
  await expect(b).not.toHaveURL(new RegExp(article.id));
  await expect(b.getByLabel('Headline')).toHaveValue('Omar’s better headline');
  const copy = await db.article.findFirstOrThrow({ where: { headline: 'Omar’s better headline' } });
  expect(copy.status).toBe('DRAFT');
  expect(copy.createdById).toBe(omar.id);
});

test('history shows a word diff and restores an old revision as a new version', async ({ page, db, signInAs }) => {
  const section = await seedSection(db);
  const article = await seedArticle(db, { sectionId: section.id, status: 'DRAFT', standfirst: 'The original standfirst' });
  await signInAs('EDITOR');
  await page.goto(`/dashboard/articles/${article.id}`);
  await page.getByLabel('Standfirst').fill('The rewritten standfirst');
  await page.getByRole('button', { name: 'Save now' }).click();
  await expectSaved(page);
  await page.getByRole('link', { name: 'History' }).click();
  await expect(page.getByTestId('revision')).toHaveCount(2);
  await expect(page.locator('del', { hasText: 'original' })).toBeVisible();
  await expect(page.locator('ins', { hasText: 'rewritten' })).toBeVisible();
  await page.getByRole('button', { name: 'Restore version 1' }).click();
  await expect(page.getByText('Restored version 1 as version 3.')).toBeVisible();
  await expect(page.getByTestId('revision')).toHaveCount(3);
  expect((await db.article.findUniqueOrThrow({ where: { id: article.id } })).standfirst).toBe('The original standfirst');
});

test.describe('unauthorized access to article routes', () => {
  test('anonymous visitors are sent to sign in from every article route; share links need a valid token', async ({ page, db }) => {
    const section = await seedSection(db);
    const article = await seedArticle(db, { sectionId: section.id, status: 'DRAFT' });
    for (const path of ['/dashboard/articles', '/dashboard/articles/new', `/dashboard/articles/${article.id}`, `/dashboard/articles/${article.id}/preview`, `/dashboard/articles/${article.id}/history`]) {
      await page.goto(path);
      await expect(page).toHaveURL(/\/login\?callbackUrl=/);
    }
    const bad = await page.goto(`/preview/${article.id}.9999999999999.forged`);
    expect(bad?.status()).toBe(404);
    const secret = process.env.AUTH_SECRET ?? 'e2e-only-secret-e2e-only-secret-e2e-only';
    const { token } = signPreviewToken({ articleId: article.id, secret, now: Date.now() - PREVIEW_TTL_MS - 60_000 });
    const expired = await page.goto(`/preview/${encodeURIComponent(token)}`);
    expect(expired?.status()).toBe(410);
    await expect(page.getByRole('heading', { level: 1, name: 'This preview link has expired' })).toBeVisible();
  });

  test('a writer sees their own draft but not another writer’s, and cannot publish', async ({ page, db, signInAs }) => {
    const section = await seedSection(db);
    const other = await createTestUser(db, { role: 'WRITER' });
    const theirs = await seedArticle(db, { sectionId: section.id, status: 'DRAFT', createdById: other.id, headline: `Theirs ${Date.now()}` });
    const writer = await signInAs('WRITER');
    const mine = await seedArticle(db, { sectionId: section.id, status: 'DRAFT', createdById: writer.id, headline: `Mine ${Date.now()}` });
    for (const suffix of ['', '/preview', '/history']) {
      const res = await page.goto(`/dashboard/articles/${theirs.id}${suffix}`);
      expect(res?.status(), suffix).toBe(404);
    }
    await page.goto('/dashboard/articles');
    await expect(page.getByRole('link', { name: mine.headline })).toBeVisible();
    await expect(page.getByRole('link', { name: theirs.headline })).toHaveCount(0);
    await page.goto(`/dashboard/articles/${mine.id}`);
    await expect(page.getByRole('button', { name: 'Submit for review' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Publish now' })).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Move to trash' })).toHaveCount(0);
    const preview = await page.goto(`/dashboard/articles/${mine.id}/preview`);
    expect(preview?.status()).toBe(200);
    await expect(page.getByRole('heading', { level: 1, name: mine.headline })).toBeVisible();
  });

  for (const role of ['EDITOR', 'ADMIN'] as const) {
    test(`${role.toLowerCase()}s open any writer's article and get the full workflow`, async ({ page, db, signInAs }) => {
      const section = await seedSection(db);
      const writer = await createTestUser(db, { role: 'WRITER' });
      const article = await seedArticle(db, { sectionId: section.id, status: 'IN_REVIEW', createdById: writer.id });
      await signInAs(role);
      await page.goto(`/dashboard/articles/${article.id}`);
      for (const name of ['Publish now', 'Schedule', 'Return to writer', 'Move to trash']) await expect(page.getByRole('button', { name })).toBeVisible();
      await page.getByRole('button', { name: 'Create a share link (48 hours)' }).click();
      const url = await page.getByLabel('Share link').inputValue();
      const anon = await (await page.context().browser()!.newContext()).newPage();
      await anon.goto(new URL(url).pathname);
      await expect(anon.getByRole('heading', { level: 1, name: article.headline })).toBeVisible();
      await expect(anon.locator('meta[name="robots"]')).toHaveAttribute('content', /noindex/);
    });
  }
});
