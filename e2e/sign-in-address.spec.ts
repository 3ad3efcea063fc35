import { spawn, type ChildProcess } from 'node:child_process';
import { createTestUser, expect, test, uniqueTestIp } from './fixtures/auth';

const PORT = Number(process.env.E2E_PORT ?? 3100);

test('the sign-in page opened on another host than SITE_URL says where to sign in, instead of failing silently', async ({ page }) => {
  // playwright.config.ts sets SITE_URL to http://127.0.0.1:PORT; localhost is the same server by another name.
  await page.goto(`http://localhost:${PORT}/login`);
  const notice = page.getByRole('alert').filter({ hasText: 'This newsroom’s address is' });
  await expect(notice).toContainText(`http://127.0.0.1:${PORT}`);
  await expect(notice).toContainText(`localhost:${PORT}`);
  await expect(notice.getByRole('link', { name: `Sign in at http://127.0.0.1:${PORT}` })).toHaveAttribute('href', `http://127.0.0.1:${PORT}/login`);
  // On the right address there is no notice.
  await page.goto(`http://127.0.0.1:${PORT}/login`);
  await expect(page.getByText('This newsroom’s address is')).toHaveCount(0);
});

test('the sign-in form posts to /login before JavaScript runs (an empty action="" is not valid HTML)', async ({ request }) => {
  const html = await (await request.get('/login')).text();
  const form = html.match(/<form\b[^>]*>/)?.[0] ?? '';
  expect(form).toMatch(/\saction="\/login"/);
});

test.describe('with no SITE_URL (the demo)', () => {
  const DEMO_PORT = PORT + 3;
  let demo: ChildProcess | null = null;

  test.beforeAll(async () => {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: 'production',
      AUTH_SECRET: process.env.AUTH_SECRET ?? 'e2e-only-secret-e2e-only-secret-e2e-only',
      PORT: String(DEMO_PORT),
      // Pages only: this side instance has no SMTP_URL (its own catcher) and another SITE_URL, so a newsletter
      // or webhook job it took would go elsewhere than the site's (e2e/newsletters.spec.ts reads the sink).
      QUEUE_WORKERS: 'off',
    };
    delete env.SITE_URL;
    delete env.AUTH_URL;
    demo = spawn(process.execPath, ['scripts/serve.mjs', '-p', String(DEMO_PORT)], { env, stdio: 'ignore' });
    await expect
      .poll(async () => (await fetch(`http://127.0.0.1:${DEMO_PORT}/login`).catch(() => null))?.status ?? 0, { timeout: 60_000, message: 'the demo server answers' })
      .toBe(200);
  });

  test.afterAll(() => {
    demo?.kill('SIGTERM');
  });

  test('an editor signing in at 127.0.0.1 stays on 127.0.0.1 and reaches the dashboard', async ({ page, db }) => {
    const user = await createTestUser(db, { role: 'EDITOR' });
    const origin = `http://127.0.0.1:${DEMO_PORT}`;
    await page.setExtraHTTPHeaders({ 'x-real-ip': uniqueTestIp() });
    await page.goto(`${origin}/login?callbackUrl=%2Fdashboard`);
    await expect(page.getByText('This newsroom’s address is')).toHaveCount(0);
    await page.getByLabel('Email').fill(user.email);
    await page.getByLabel('Password').fill(user.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page).toHaveURL(`${origin}/dashboard`);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  });
});
