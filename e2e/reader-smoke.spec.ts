import { expect, test } from '@playwright/test';

test('the front page lists the latest demo articles and links to an article page', async ({ page }) => {
  const response = await page.goto('/');
  expect(response?.status()).toBe(200);
  await expect(page.getByRole('link', { name: 'Masthead' }).first()).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Life sciences' })).toBeVisible();
  // Each story once: the section containers leave out what the lead and the Latest list show.
  const hrefs = await page.locator('main article h3 a').evaluateAll((links) => links.map((a) => a.getAttribute('href')));
  expect(hrefs.length).toBeGreaterThan(12);
  expect(new Set(hrefs).size).toBe(hrefs.length);
  // Articles other specs publish may have no hero image: open the newest one that has one.
  const firstHeadline = page.locator('main article:has(img) h3 a').first();
  const headline = (await firstHeadline.textContent())!.trim();
  await firstHeadline.click();
  await expect(page.getByRole('heading', { level: 1, name: headline })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Breadcrumb' })).toContainText('Home');
  await expect(page.locator('article figure img').first()).toHaveAttribute('alt', /.+/);
  await expect(page.locator('article h2').first()).toBeVisible();
});

test('an unknown article answers 404', async ({ page }) => {
  const response = await page.goto('/life-sciences/no-such-article');
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
});
