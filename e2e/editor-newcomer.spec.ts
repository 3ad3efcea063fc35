import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { seedArticle, seedAuthor, seedCampaign, seedSection, uniqueSuffix } from '../prisma/seed/factories';
import { expect, test } from './fixtures/auth';

// What a new editor entering a real article tripped on (issue #14): each test failed before its fix.

async function expectNoAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

test('the open checklist items sit beside Publish, each moving focus to its field, and the workflow leads on a phone', async ({ page, db, signInAs }) => {
  const section = await seedSection(db, { name: `Checklist desk ${uniqueSuffix()}` });
  const draft = await seedArticle(db, { sectionId: section.id, status: 'DRAFT', publishedAt: null, standfirst: '' });
  await signInAs('EDITOR');
  await page.goto(`/dashboard/articles/${draft.id}`);
  const workflow = page.getByRole('region', { name: 'Workflow' });
  await workflow.getByRole('button', { name: 'Publish now' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'not ready to publish' })).toContainText('Write a standfirst.');

  // The items are in the Workflow box, next to the button, and each is a link to its field.
  const checklist = workflow.getByTestId('checklist');
  await checklist.getByRole('link', { name: 'Write a standfirst.' }).click();
  await expect(page.getByLabel('Standfirst')).toBeFocused();
  await checklist.getByRole('link', { name: 'Add at least one author.' }).click();
  await expect(page.getByLabel('Add author')).toBeFocused();
  const button = await workflow.getByRole('button', { name: 'Publish now' }).boundingBox();
  const item = await checklist.getByRole('link', { name: 'Write a standfirst.' }).boundingBox();
  expect(Math.abs(item!.y - button!.y)).toBeLessThan(400);

  // On a phone the Publish button comes before the body, not 2,000 px under it.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.reload();
  const publish = await page.getByRole('button', { name: 'Publish now' }).boundingBox();
  const body = await page.getByRole('textbox', { name: 'Body' }).boundingBox();
  expect(publish!.y).toBeLessThan(body!.y);
});

test('a published article links to its live page; the standfirst box is three rows; the credit hint matches what the page adds', async ({ page, db, signInAs }) => {
  const section = await seedSection(db, { name: `Live desk ${uniqueSuffix()}` });
  const image = await db.image.findFirstOrThrow({ where: { alt: { not: '' } }, orderBy: { createdAt: 'asc' } });
  const article = await seedArticle(db, { sectionId: section.id, authorIds: [(await seedAuthor(db)).id], heroImageId: image.id });
  await signInAs('EDITOR');
  await page.goto(`/dashboard/articles/${article.id}`);
  await expect(page.getByRole('link', { name: /View the live article/ })).toHaveAttribute('href', `/${section.slug}/${article.slug}`);
  expect(Number(await page.getByLabel('Standfirst').getAttribute('rows'))).toBeGreaterThanOrEqual(3);
  await expect(page.getByRole('textbox', { name: 'Credit' })).toHaveAccessibleDescription('e.g. Jane Doe/Reuters (the page adds “Photograph:”)');
  await expect(page.getByText('Photo: Jane Doe')).toHaveCount(0);
  // The toolbar's names start with what the buttons show (WCAG 2.5.3).
  await expect(page.getByRole('button', { name: /^H2\b/ })).toBeVisible();
  await expect(page.getByRole('button', { name: /^B\b/ })).toBeVisible();
  // The editor of an existing article, published: no axe violations (two unlabelled <aside>s before).
  await expectNoAxeViolations(page);
  // A draft has no live page to link to.
  const draft = await seedArticle(db, { sectionId: section.id, status: 'DRAFT', publishedAt: null });
  await page.goto(`/dashboard/articles/${draft.id}`);
  await expect(page.getByRole('link', { name: /View the live article/ })).toHaveCount(0);
});

test('picking a partner campaign says how readers will see the article', async ({ page, db, signInAs }) => {
  const section = await seedSection(db, { name: `Partner desk ${uniqueSuffix()}` });
  const partner = `MedCity ${uniqueSuffix()}`;
  const campaign = await seedCampaign(db, { name: `Partner campaign ${uniqueSuffix()}`, partnerName: partner });
  const draft = await seedArticle(db, { sectionId: section.id, status: 'DRAFT', publishedAt: null });
  await signInAs('EDITOR');
  await page.goto(`/dashboard/articles/${draft.id}`);
  await expect(page.getByText('Readers will see this article labelled')).toHaveCount(0);
  await page.getByLabel('Campaign').selectOption(campaign.id);
  const hint = page.getByText('Readers will see this article labelled');
  await expect(hint).toContainText('Partner content');
  await expect(hint).toContainText(`in partnership with ${partner}`);
  await expect(page.getByLabel('Campaign')).toHaveAccessibleDescription(/Readers will see this article labelled Partner content/);
});

test('a taken headline slug is numbered and says so, and the numbered slug keeps following the headline', async ({ page, db, signInAs }) => {
  const section = await seedSection(db, { name: `Slug desk ${uniqueSuffix()}` });
  const headline = `Harbour reopens ${uniqueSuffix()}`;
  await seedArticle(db, { sectionId: section.id, headline });
  await signInAs('EDITOR');
  await page.goto('/dashboard/articles/new');
  await page.getByLabel('Headline').fill(headline);
  await page.getByLabel('Section').selectOption(section.id);
  await page.getByRole('button', { name: 'Create draft' }).click();
  await expect(page).toHaveURL(/\/dashboard\/articles\/[^/]+$/);
  const slug = page.getByRole('textbox', { name: 'Slug' });
  const base = headline.toLowerCase().replace(/\s+/g, '-');
  await expect(slug).toHaveValue(`${base}-2`);
  await expect(page.getByText(`already has the address “${base}”, so this one is “${base}-2”`)).toBeVisible();
  await page.getByLabel('Headline').fill(`${headline} to ferries`);
  await expect(slug).toHaveValue(`${base}-to-ferries`);
});

test('a new author with an existing name is told so at the name, with the author who has it', async ({ page, db, signInAs }) => {
  const existing = await seedAuthor(db, { name: `Namesake Writer ${uniqueSuffix()}` });
  await signInAs('EDITOR');
  await page.goto('/dashboard/authors');
  const form = page.getByRole('form', { name: 'Create an author' });
  await form.getByLabel('Name', { exact: true }).fill(existing.name);
  await form.getByRole('button', { name: 'Create author' }).click();
  const name = form.getByLabel('Name', { exact: true });
  await expect(name).toHaveAttribute('aria-invalid', 'true');
  await expect(name).toHaveAccessibleDescription(new RegExp(`There is already an author “${existing.name}”`));
  await expect(form.getByLabel('Slug')).not.toHaveAttribute('aria-invalid', 'true');
});
