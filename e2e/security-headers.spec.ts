import { expect, test } from './fixtures/auth';

/** Collects CSP violations reported to the console while a page loads. */
function watchCsp(page: import('@playwright/test').Page): string[] {
  const violations: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to (execute|load|apply)/i.test(m.text())) violations.push(m.text());
  });
  return violations;
}

test('reader pages carry the cache-friendly CSP and the fixed security headers, and run without violations', async ({ page }) => {
  const violations = watchCsp(page);
  const response = await page.goto('/', { waitUntil: 'load' });
  const headers = response!.headers();
  expect(headers['content-security-policy']).toContain("object-src 'none'");
  expect(headers['content-security-policy']).toContain("script-src 'self' 'unsafe-inline'");
  expect(headers['content-security-policy']).not.toContain('nonce-');
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
  expect(headers['cross-origin-opener-policy']).toBe('same-origin');
  expect(headers['x-powered-by']).toBeUndefined();
  expect(headers['strict-transport-security']).toBeUndefined(); // SITE_URL is http:// in the e2e run
  // Client navigation works (Next's scripts ran under the policy).
  await page.locator('main article h3 a').first().click();
  await expect(page.getByRole('navigation', { name: 'Breadcrumb' })).toBeVisible();
  expect(violations).toEqual([]);
});

test('the login page and the dashboard use a per-request nonce policy and run without violations', async ({ page, signInAs }) => {
  const violations = watchCsp(page);
  const first = await page.goto('/login', { waitUntil: 'load' });
  const csp = first!.headers()['content-security-policy']!;
  expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toContain("base-uri 'none'");
  expect(csp).toContain("form-action 'self'");
  const second = await page.request.get('/login');
  expect(second.headers()['content-security-policy']).not.toBe(csp);
  await signInAs('ADMIN');
  await page.getByRole('navigation', { name: 'Dashboard' }).getByRole('link', { name: 'Users' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Users' })).toBeVisible();
  expect(violations).toEqual([]);
});
