import { createTestUser, expect, signInWithForm, test } from './fixtures/auth';

test('an anonymous visitor of the dashboard is sent to the login page and back after signing in', async ({ page, db }) => {
  await page.goto('/dashboard/users?page=2');
  await expect(page).toHaveURL(/\/login\?callbackUrl=%2Fdashboard%2Fusers%3Fpage%3D2/);
  await expect(page.getByRole('heading', { name: 'Sign in to the newsroom' })).toBeVisible();
  const admin = await createTestUser(db, { role: 'ADMIN' });
  await page.getByLabel('Email').fill(admin.email);
  await page.getByLabel('Password').fill(admin.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/dashboard\/users\?page=2$/);
});

test('a wrong password and an unknown email get the same message, announced as an alert', async ({ page, db }) => {
  const user = await createTestUser(db);
  await page.goto('/login');
  await page.getByLabel('Email').fill(user.email);
  await page.getByLabel('Password').fill('not the password at all');
  await page.getByRole('button', { name: 'Sign in' }).click();
  const alert = page.getByRole('alert').filter({ hasText: /./ });
  await expect(alert).toHaveText('That email and password do not match an active account.');
  await expect(page).toHaveURL(/\/login/);

  await page.getByLabel('Email').fill('nobody-here@example.test');
  await page.getByLabel('Password').fill('not the password at all');
  await page.getByRole('button', { name: 'Sign in' }).click();
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
  await page.getByLabel('Email').fill(writer.email);
  await page.getByLabel('Password').fill(writer.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert').filter({ hasText: /./ })).toHaveText('That email and password do not match an active account.');
});
