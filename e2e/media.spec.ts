import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { seedArticle, seedAuthor, seedImage, seedSection } from '../prisma/seed/factories';
import { realImage } from '../tests/support/image-files';
import { openTestData } from './fixtures/data';
import { createTestUser, expect, test } from './fixtures/auth';

/** The media library in the browser: upload, edit, refusals, delete while used, and the editor's hero upload. */

const { storage } = openTestData();
/** Server actions (re-encoding above all) compete for 2 shared cores in CI: their answers may take longer than 5 s. */
const expectAction = expect.configure({ timeout: 30_000 });

async function uploadThrough(page: Page, formName: string, file: { name: string; mimeType: string; buffer: Buffer }, text: { alt?: string; credit?: string }) {
  const form = page.getByRole('form', { name: formName });
  await form.getByLabel('Image file').setInputFiles(file);
  if (text.alt) await form.getByLabel('Alt text').fill(text.alt);
  if (text.credit) await form.getByLabel('Credit').fill(text.credit);
  await form.getByRole('button', { name: 'Upload' }).click();
  return form;
}

test('an editor uploads an image and edits its credit', async ({ page, signInAs, db }) => {
  await signInAs('EDITOR');
  await page.goto('/dashboard/media');
  await expect(page.getByRole('heading', { level: 1, name: 'Media' })).toBeVisible();
  expect((await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze()).violations).toEqual([]);
  const alt = `Ferries at the harbour ${Date.now()}`;
  const form = await uploadThrough(page, 'Upload an image', { name: 'IMG_0001.JPG', mimeType: 'image/jpeg', buffer: await realImage('jpeg', 640, 480) }, { alt, credit: 'Photo: First Draft' });
  await expectAction(form.getByRole('status')).toHaveText('Uploaded (640 × 480 pixels).');

  const stored = await db.image.findFirstOrThrow({ where: { alt } });
  expect(stored).toMatchObject({ mimeType: 'image/jpeg', width: 640, height: 480, credit: 'Photo: First Draft' });
  expect(stored.storageKey).not.toContain('IMG_0001');
  const served = await page.request.get(`/media/${stored.storageKey}`);
  expect(served.headers()['content-type']).toBe('image/jpeg');

  await page.getByRole('list', { name: 'Images' }).getByRole('link', { name: alt }).click();
  await expect(page.getByRole('heading', { level: 1, name: alt })).toBeVisible();
  await expect(page.getByText('Not used anywhere.')).toBeVisible();
  expect((await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze()).violations).toEqual([]);
  const edit = page.getByRole('form', { name: 'Edit image text' });
  await edit.getByLabel('Credit').fill('Photo: Jane Doe / Reuters');
  // Keyboard only: Enter in a text field submits the form.
  await edit.getByLabel('Credit').press('Enter');
  await expectAction(edit.getByRole('status')).toHaveText('Saved.');
  expect(await db.image.findUniqueOrThrow({ where: { id: stored.id } })).toMatchObject({ credit: 'Photo: Jane Doe / Reuters', version: 2 });
  await page.reload();
  await expect(page.getByRole('form', { name: 'Edit image text' }).getByLabel('Credit')).toHaveValue('Photo: Jane Doe / Reuters');
});

test('a bad upload is refused with a clear message', async ({ page, signInAs, db }) => {
  const editor = await signInAs('EDITOR');
  await page.goto('/dashboard/media');
  const form = await uploadThrough(page, 'Upload an image', { name: 'holiday.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('These are my notes, not a photo.\n') }, { alt: 'Not really a picture' });
  await expectAction(form.getByRole('alert')).toHaveText('This file is not a supported image, whatever its name says. Upload a JPEG, PNG, WebP or AVIF image.');
  await expect(form.getByLabel('Image file')).toHaveAttribute('aria-invalid', 'true');
  // What was typed is kept for the next try.
  await expect(form.getByLabel('Alt text')).toHaveValue('Not really a picture');

  await uploadThrough(page, 'Upload an image', { name: 'drawing.png', mimeType: 'image/png', buffer: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>') }, {});
  await expectAction(form.getByRole('alert')).toContainText('This file is a text file (SVG, HTML or XML), not a supported image.');
  expect(await db.image.count({ where: { uploadedById: editor.id } })).toBe(0);
});

test('an image in use cannot be deleted; an unused one can', async ({ page, signInAs, db }) => {
  const section = await seedSection(db);
  const used = await seedImage(db, storage, { alt: `Used image ${Date.now()}` });
  const article = await seedArticle(db, { sectionId: section.id, heroImageId: used.id, headline: `Story with a hero ${Date.now()}` });
  const unused = await seedImage(db, storage, { alt: `Unused image ${Date.now()}` });
  await signInAs('EDITOR');

  await page.goto(`/dashboard/media/${used.id}`);
  const uses = page.getByRole('list', { name: 'Uses of this image' });
  await expect(uses.getByRole('link', { name: article.headline })).toHaveAttribute('href', `/dashboard/articles/${article.id}`);
  await page.getByRole('button', { name: 'Delete image' }).click();
  await expectAction(page.getByRole('form', { name: 'Delete this image' }).getByRole('alert')).toHaveText(
    'This image is still used (the hero image of 1 article). Replace it there first, then delete it.',
  );
  expect(await db.image.count({ where: { id: used.id } })).toBe(1);
  expect(await storage.exists(used.storageKey)).toBe(true);

  // Editing the text of an image in use updates the reader page at once (on-demand revalidation).
  const readerPath = `/${section.slug}/${article.slug}`;
  await page.goto(readerPath);
  await expect(page.getByRole('main')).not.toContainText('Harbour Authority');
  await page.goto(`/dashboard/media/${used.id}`);
  const edit = page.getByRole('form', { name: 'Edit image text' });
  await edit.getByLabel('Credit').fill('Harbour Authority');
  await edit.getByRole('button', { name: 'Save' }).click();
  await expectAction(edit.getByRole('status')).toHaveText('Saved.');
  await page.goto(readerPath);
  await expect(page.getByRole('main')).toContainText('Photograph: Harbour Authority');

  await page.goto(`/dashboard/media/${unused.id}`);
  await page.getByRole('button', { name: 'Delete image' }).click();
  await expectAction(page).toHaveURL(/\/dashboard\/media\?deleted=1$/);
  await expect(page.getByRole('status').filter({ hasText: 'The image was deleted.' })).toBeVisible();
  expect(await db.image.count({ where: { id: unused.id } })).toBe(0);
  expect(await storage.exists(unused.storageKey)).toBe(false);
});

test('a writer uploads a hero image in the article editor', async ({ page, signInAs, db }) => {
  const section = await seedSection(db);
  const writer = await createTestUser(db, { role: 'WRITER' });
  const author = await seedAuthor(db, { name: writer.name, userId: writer.id });
  const article = await seedArticle(db, { sectionId: section.id, status: 'DRAFT', authorIds: [author.id], createdById: writer.id, headline: `Hero upload ${Date.now()}` });
  await signInAs(writer);
  await page.goto(`/dashboard/articles/${article.id}`);

  const hero = page.getByRole('group', { name: 'Hero image', exact: true });
  await hero.getByText('Upload a new hero image').click();
  const alt = `Lifeboat crew on the slipway ${Date.now()}`;
  const form = await uploadThrough(page, 'Upload a hero image', { name: 'lifeboat.webp', mimeType: 'image/webp', buffer: await realImage('webp', 800, 450) }, { alt, credit: 'Photo: RNLI' });
  await expectAction(form.getByRole('status')).toContainText('Uploaded (800 × 450 pixels).');
  await expectAction(page.getByRole('radiogroup', { name: 'Hero image' }).getByRole('radio', { name: alt })).toBeChecked();
  await expect(hero.getByLabel('Alt text').last()).toHaveValue(alt);
  await expect(page.getByTestId('save-state')).toHaveText(/All changes saved/, { timeout: 15_000 });

  const image = await db.image.findFirstOrThrow({ where: { alt } });
  expect(image).toMatchObject({ uploadedById: writer.id, mimeType: 'image/webp', credit: 'Photo: RNLI' });
  expect(await db.article.findUniqueOrThrow({ where: { id: article.id } })).toMatchObject({ heroImageId: image.id });
});
