import { spawn, type ChildProcess } from 'node:child_process';
import { seedArticle, seedAuthor, seedSection } from '../prisma/seed/factories';
import { expect, test } from './fixtures/auth';

// A second instance of the production server on the same database and build, beside the one
// playwright.config.ts starts: what a deployment behind a load balancer runs.
const PORT_B = Number(process.env.E2E_PORT ?? 3100) + 1;
const B = `http://127.0.0.1:${PORT_B}`;
let second: ChildProcess | null = null;

test.beforeAll(async () => {
  second = spawn(process.execPath, ['scripts/serve.mjs', '-p', String(PORT_B)], {
    env: {
      ...process.env,
      NODE_ENV: 'production',
      SITE_URL: B,
      AUTH_SECRET: process.env.AUTH_SECRET ?? 'e2e-only-secret-e2e-only-secret-e2e-only',
      AUTH_TRUST_HOST: 'true',
      // Pages only: this side instance has no SMTP_URL (its own catcher) and another SITE_URL, so a newsletter
      // or webhook job it took would go elsewhere than the site's (e2e/newsletters.spec.ts reads the sink).
      QUEUE_WORKERS: 'off',
    },
    stdio: 'ignore',
  });
  await expect
    .poll(async () => (await fetch(`${B}/`).catch(() => null))?.status ?? 0, { timeout: 60_000, message: 'the second instance answers' })
    .toBe(200);
});

test.afterAll(async () => {
  second?.kill('SIGTERM');
});

test('a publish on one instance reaches the cached pages of another within seconds', async ({ db, page, signInAs }) => {
  test.setTimeout(120_000);
  const section = await seedSection(db);
  const author = await seedAuthor(db);
  const image = await db.image.findFirstOrThrow({ where: { alt: { not: '' } }, orderBy: { createdAt: 'desc' } });
  const headline = `Second instance hears of it ${Date.now()}`;
  const draft = await seedArticle(db, { headline, status: 'DRAFT', sectionId: section.id, authorIds: [author.id], heroImageId: image.id });

  // Instance B renders and caches the section front and the front page before the publish.
  const before = await fetch(`${B}/${section.slug}`);
  expect(before.status).toBe(200);
  expect(await before.text()).not.toContain(headline);
  expect(await (await fetch(`${B}/`)).text()).not.toContain(headline);

  // An editor publishes on instance A, in the dashboard.
  await signInAs('EDITOR');
  await page.goto(`/dashboard/articles/${draft.id}`);
  await page.getByRole('button', { name: 'Publish now' }).click();
  await expect(page.getByTestId('article-status')).toHaveText('Published', { timeout: 15_000 });

  // Instance B hears of it through the change record (LISTEN/NOTIFY, or its poll every 5 s).
  const bShows = async (path: string) => (await (await fetch(`${B}${path}`)).text()).includes(headline);
  await expect.poll(() => bShows(`/${section.slug}`), { timeout: 20_000, message: 'B’s section front shows the article' }).toBe(true);
  expect(await bShows('/')).toBe(true);
  expect((await fetch(`${B}/${section.slug}/${draft.slug}`)).status).toBe(200);
});
