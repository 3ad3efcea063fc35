import AxeBuilder from '@axe-core/playwright';
import { seedArticle, seedAuthor, seedSection, uniqueSuffix } from '../prisma/seed/factories';
import type { PrismaClient } from '@/lib/generated/prisma/client';
import { expect, test } from './fixtures/auth';

/**
 * A seeded library image with alt text. Articles published here carry a hero image like the demo's, so
 * specs that read the newest items of the front page or the feeds find what a real article has.
 */
async function heroImageId(db: PrismaClient): Promise<string> {
  return (await db.image.findFirstOrThrow({ where: { alt: { not: '' } }, orderBy: { createdAt: 'asc' }, select: { id: true } })).id;
}

test('an editor renames a section slug: the old article URL answers 301 to the new one, readers see the new name', async ({ page, db, signInAs }) => {
  const suffix = uniqueSuffix();
  const section = await seedSection(db, { name: `Old desk ${suffix}`, slug: `old-desk-${suffix}` });
  const article = await seedArticle(db, { sectionId: section.id, headline: `Moving story ${suffix}`, slug: 'moving-story', heroImageId: await heroImageId(db) });
  await signInAs('EDITOR');
  await page.goto('/dashboard/sections');
  const item = page.getByTestId(`section-${section.slug}`);
  await item.getByText(`Edit ${section.name}`).click();
  const form = page.getByRole('form', { name: `Edit ${section.name}` });
  const newName = `New desk ${suffix}`;
  const newSlug = `new-desk-${suffix}`;

  // A reserved slug is refused with a message on the field, and what was typed stays.
  await form.getByLabel('Slug').fill('dashboard');
  await form.getByRole('button', { name: 'Save section' }).click();
  await expect(form.getByRole('alert')).toHaveText('Please correct the highlighted fields.');
  await expect(form.getByText('“dashboard” is reserved')).toBeVisible();

  await form.getByLabel('Name', { exact: true }).fill(newName);
  await form.getByLabel('Slug').fill(newSlug);
  await form.getByRole('button', { name: 'Save section' }).click();
  await expect(page.getByRole('status').filter({ hasText: `redirect to /${newSlug}` })).toBeVisible();

  const old = await page.request.get(`/${section.slug}/${article.slug}`, { maxRedirects: 0 });
  expect(old.status()).toBe(301);
  expect(new URL(old.headers()['location'] ?? '', 'http://x').pathname).toBe(`/${newSlug}/${article.slug}`);
  const front = await page.request.get(`/${section.slug}`, { maxRedirects: 0 });
  expect(front.status()).toBe(301);

  const response = await page.goto(`/${section.slug}/${article.slug}`);
  expect(response?.status()).toBe(200);
  await expect(page).toHaveURL(new RegExp(`/${newSlug}/${article.slug}$`));
  await expect(page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('link', { name: newName })).toBeVisible();
});

test('an editor creates a campaign whose disclosure label shows on its articles', async ({ page, db, signInAs }) => {
  const suffix = uniqueSuffix();
  await signInAs('EDITOR');
  await page.goto('/dashboard/campaigns');
  const form = page.getByRole('form', { name: 'Create a campaign' });
  await form.getByLabel('Name', { exact: true }).fill(`Life Sciences ${suffix}`);
  await form.getByLabel('Partner name').fill('MedCity');
  await form.getByLabel('Disclosure label').fill(`Paid for by MedCity ${suffix}`);
  await form.getByLabel('Starts on (UTC)').fill('2026-01-01');
  await form.getByLabel('Ends on (UTC, inclusive)').fill('2026-12-31');
  await form.getByRole('button', { name: 'Create campaign' }).click();
  await expect(form.getByRole('status')).toContainText(`Created “Life Sciences ${suffix}”`);

  const campaign = await db.campaign.findUniqueOrThrow({ where: { slug: `life-sciences-${suffix}` } });
  expect(campaign).toMatchObject({ partnerName: 'MedCity', disclosureLabel: `Paid for by MedCity ${suffix}` });
  const section = await seedSection(db);
  const article = await seedArticle(db, { sectionId: section.id, campaignId: campaign.id, headline: `Partner story ${suffix}`, heroImageId: await heroImageId(db) });
  await page.goto(`/${section.slug}/${article.slug}`);
  await expect(page.getByRole('complementary', { name: 'Disclosure' })).toContainText(`Paid for by MedCity ${suffix}`);
  await expect(page.getByRole('link', { name: `Life Sciences ${suffix}` }).first()).toBeVisible();
});

test('an author edit shows on the author page, and the old author address redirects', async ({ page, db, signInAs }) => {
  const suffix = uniqueSuffix();
  const author = await seedAuthor(db, { name: `Neelam ${suffix}`, slug: `neelam-${suffix}`, jobTitle: 'Reporter' });
  const section = await seedSection(db);
  await seedArticle(db, { sectionId: section.id, authorIds: [author.id], heroImageId: await heroImageId(db) });
  await signInAs('EDITOR');
  await page.goto('/dashboard/authors');
  await page.getByTestId(`author-${author.slug}`).getByText(`Edit ${author.name}`).click();
  const form = page.getByRole('form', { name: `Edit ${author.name}` });
  await form.getByLabel('Name', { exact: true }).fill(`Dr Neelam ${suffix}`);
  await form.getByLabel('Slug').fill(`dr-neelam-${suffix}`);
  await form.getByLabel('Job title').fill('Chief executive');
  await form.getByLabel('Organisation').fill('MedCity');
  await form.getByLabel('Bio').fill('Runs MedCity, a health innovation network.');
  await form.getByRole('button', { name: 'Save author' }).click();
  // The form is renamed with the author once the page re-renders, so find its message on the page.
  await expect(page.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();

  const old = await page.request.get(`/authors/${author.slug}`, { maxRedirects: 0 });
  expect(old.status()).toBe(301);
  await page.goto(`/authors/dr-neelam-${suffix}`);
  await expect(page.getByRole('heading', { level: 1, name: `Dr Neelam ${suffix}` })).toBeVisible();
  await expect(page.getByText('Chief executive, MedCity').first()).toBeVisible();
  await expect(page.getByText('Runs MedCity, a health innovation network.')).toBeVisible();
});

test('a stale section form gets the conflict message and saves nothing', async ({ page, db, signInAs }) => {
  const section = await seedSection(db);
  await signInAs('ADMIN');
  await page.goto('/dashboard/sections');
  await page.getByTestId(`section-${section.slug}`).getByText(`Edit ${section.name}`).click();
  const form = page.getByRole('form', { name: `Edit ${section.name}` });
  await db.section.update({ where: { id: section.id }, data: { name: 'Changed elsewhere', version: { increment: 1 } } });
  await form.getByLabel('Name', { exact: true }).fill('My change');
  await form.getByRole('button', { name: 'Save section' }).click();
  await expect(form.getByRole('alert')).toContainText('your changes were not saved');
  expect((await db.section.findUniqueOrThrow({ where: { id: section.id } })).name).toBe('Changed elsewhere');
});

test('the three managers are keyboard- and screen-reader-usable: axe finds nothing, with an edit form open and an error shown', async ({ page, signInAs }) => {
  await signInAs('EDITOR');
  for (const path of ['/dashboard/sections', '/dashboard/campaigns', '/dashboard/authors']) {
    await page.goto(path);
    await page.locator('details summary').first().click();
    const create = page.getByRole('form', { name: /^Create an? / });
    await create.getByLabel('Name', { exact: true }).fill('x');
    await create.getByLabel('Slug').fill('Not A Slug');
    await create.getByRole('button', { name: /^Create / }).click();
    await expect(create.getByRole('alert')).toBeVisible();
    await expect(create.getByLabel('Slug')).toHaveAttribute('aria-invalid', 'true');
    const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
    expect(results.violations.map((v) => `${path} ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  }
});
