import { createTestUser, expect, signInWithForm, submitLogin, test, uniqueTestIp } from './fixtures/auth';

test('an anonymous visitor of the dashboard is sent to the login page and back after signing in', async ({ page, db }) => {
  await page.goto('/dashboard/users?page=2');
  await expect(page).toHaveURL(/\/login\?callbackUrl=%2Fdashboard%2Fusers%3Fpage%3D2/);
  await expect(page.getByRole('heading', { name: 'Sign in to the newsroom' })).toBeVisible();
  const admin = await createTestUser(db, { role: 'ADMIN' });
  await submitLogin(page, admin.email, admin.password);
  await expect(page).toHaveURL(/\/dashboard\/users\?page=2$/);
});

test('a wrong password and an unknown email get the same message, announced as an alert', async ({ page, db }) => {
  const user = await createTestUser(db);
  await page.goto('/login');
  await submitLogin(page, user.email, 'not the password at all');
  const alert = page.getByRole('alert').filter({ hasText: /./ });
  await expect(alert).toHaveText('That email and password do not match an active account.');
  await expect(page).toHaveURL(/\/login/);

  await submitLogin(page, 'nobody-here@example.test', 'not the password at all');
  await expect(page.getByRole('alert').filter({ hasText: /./ })).toHaveText('That email and password do not match an active account.');
  const failures = await db.auditEvent.count({ where: { action: 'auth.sign_in_failed', actorEmail: { in: [user.email, 'nobody-here@example.test'] } } });
  expect(failures).toBe(2);
});

test('the right password opens the dashboard with name and role; sign out ends the session', async ({ page, signInAs, db }) => {
  const editor = await signInAs('EDITOR');
  await expect(page.getByRole('heading', { level: 1, name: `Welcome, ${editor.name}` })).toBeVisible();
  await expect(page.getByRole('banner')).toContainText('Editor');
  const nav = page.getByRole('navigation', { name: 'Dashboard' });
  await expect(nav.getByRole('link', { name: 'Sections' })).toBeVisible();
  await expect(nav.getByRole('link', { name: 'Users' })).toHaveCount(0);
  const published = await db.article.count({ where: { status: 'PUBLISHED', deletedAt: null } });
  await expect(page.getByTestId('count-PUBLISHED')).toHaveText(String(published));
  expect(await db.auditEvent.count({ where: { action: 'auth.sign_in', actorId: editor.id } })).toBe(1);

  const cookies = await page.context().cookies();
  const session = cookies.find((c) => c.name === 'authjs.session-token');
  expect(session?.httpOnly).toBe(true);
  expect(session?.sameSite).toBe('Lax');

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/login\?signedOut=1/);
  await page.goto('/dashboard');
  await expect(page).toHaveURL(/\/login/);
});

test('a disabled user is thrown out on their next request', async ({ page, db }) => {
  const writer = await createTestUser(db, { role: 'WRITER' });
  await signInWithForm(page, writer);
  await db.user.update({ where: { id: writer.id }, data: { disabled: true } });
  await page.goto('/dashboard');
  await expect(page).toHaveURL(/\/login/);
  await expect(page.getByRole('heading', { name: 'Sign in to the newsroom' })).toBeVisible();
});

test('a bumped sessionVersion (password or role change) ends existing sessions', async ({ page, db }) => {
  const writer = await createTestUser(db, { role: 'WRITER' });
  await signInWithForm(page, writer);
  await db.user.update({ where: { id: writer.id }, data: { sessionVersion: { increment: 1 } } });
  await page.goto('/dashboard');
  await expect(page).toHaveURL(/\/login/);
});

test('a disabled user cannot sign in', async ({ page, db }) => {
  const writer = await createTestUser(db, { role: 'WRITER', disabled: true });
  await page.goto('/login');
  await submitLogin(page, writer.email, writer.password);
  await expect(page.getByRole('alert').filter({ hasText: /./ })).toHaveText('That email and password do not match an active account.');
});

test('after 5 wrong passwords the form refuses further attempts, even the right password, with a clear message', async ({ page, db }) => {
  await page.setExtraHTTPHeaders({ 'x-real-ip': uniqueTestIp() });
  const user = await createTestUser(db);
  await page.goto('/login');
  for (let i = 0; i < 5; i++) {
    await submitLogin(page, user.email, `wrong password ${i}`);
    await expect(page.getByRole('alert').filter({ hasText: /./ })).toHaveText('That email and password do not match an active account.');
  }
  await submitLogin(page, user.email, user.password);
  await expect(page.getByRole('alert').filter({ hasText: /./ })).toHaveText(/Too many sign-in attempts\. Try again in \d+ minutes?\./);
  await expect(page).toHaveURL(/\/login/);
});

test('the Auth.js credentials endpoint answers 429 with Retry-After once throttled', async ({ playwright, baseURL, db }) => {
  const user = await createTestUser(db);
  const api = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { 'x-real-ip': uniqueTestIp(), origin: baseURL! } });
  const { csrfToken } = (await (await api.get('/api/auth/csrf')).json()) as { csrfToken: string };
  const attempt = () => api.post('/api/auth/callback/credentials', { form: { csrfToken, email: user.email, password: 'wrong password', callbackUrl: '/dashboard' }, maxRedirects: 0 });
  for (let i = 0; i < 5; i++) expect((await attempt()).status()).toBe(302);
  const refused = await attempt();
  expect(refused.status()).toBe(429);
  expect(Number(refused.headers()['retry-after'])).toBeGreaterThan(0);
  await api.dispose();
});

test('the Auth.js POST endpoints refuse a foreign or missing Origin', async ({ playwright, baseURL }) => {
  for (const headers of [{ origin: 'https://evil.example' }, {} as Record<string, string>]) {
    const api = await playwright.request.newContext({ baseURL, extraHTTPHeaders: headers });
    const response = await api.post('/api/auth/callback/credentials', { form: { email: 'a@b.c', password: 'x' }, maxRedirects: 0 });
    expect(response.status()).toBe(403);
    await api.dispose();
  }
});
