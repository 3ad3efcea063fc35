import { defineConfig, devices } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumPath } from './scripts/lib/chromium';

/**
 * E2E tests run in Chromium against the production build, served as `npm start` serves it
 * (scripts/serve.mjs: Next's handler, build assets precompressed with brotli). They expect DATABASE_URL
 * and MEDIA_DIR from scripts/with-test-database.ts (`npm run test:e2e` sets both up).
 *
 * Browser: CHROME_PATH, else /usr/bin/chromium when present, else Playwright's own Chromium.
 */
const PORT = Number(process.env.E2E_PORT ?? 3100);
/** The SMTP sink's ports (tests/support/smtp-sink-server.ts): SMTP, and HTTP to read what it took. */
export const SMTP_SINK_PORT = PORT + 26;
export const SMTP_SINK_HTTP_PORT = PORT + 25;

/** Desktop Chrome, from the system's Chromium when there is one. */
const chromium = {
  ...devices['Desktop Chrome'],
  launchOptions: chromiumPath ? { executablePath: chromiumPath, args: CHROMIUM_ARGS } : {},
};

export default defineConfig({
  testDir: './e2e',
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  retries: process.env.CI ? 1 : 0,
  workers: 2,
  reporter: process.env.CI ? [['list']] : [['list'], ['html', { open: 'never' }]],
  timeout: 60_000,
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    // Three instances behind nginx and Varnish, timed to the second (e2e/cluster.spec.ts), run alone after
    // every other spec so that none competes with them for the machine's two cores: as the chromium
    // project's teardown, which runs after it whether or not it passed (a project with `dependencies`
    // would not run after a failure). `playwright test e2e/cluster.spec.ts` runs it by itself.
    { name: 'chromium', testIgnore: /cluster\.spec\.ts$/, teardown: 'cluster', use: chromium },
    { name: 'cluster', testMatch: /cluster\.spec\.ts$/, use: chromium },
  ],
  webServer: [
    {
      // A real SMTP server the site sends newsletters to (e2e/newsletters.spec.ts reads what it took over HTTP).
      command: 'npx tsx tests/support/smtp-sink-server.ts',
      url: `http://127.0.0.1:${SMTP_SINK_HTTP_PORT}/health`,
      reuseExistingServer: false,
      timeout: 60_000,
      env: { SMTP_SINK_PORT: String(SMTP_SINK_PORT), SMTP_SINK_HTTP_PORT: String(SMTP_SINK_HTTP_PORT) },
    },
    {
      // Cached pages live in the server's memory only (ADR 0010), so a run never sees an earlier run's.
      command: `node scripts/serve.mjs -p ${PORT}`,
      url: `http://127.0.0.1:${PORT}/`,
      reuseExistingServer: false,
      timeout: 120_000,
      env: {
        NODE_ENV: 'production',
        SITE_URL: `http://127.0.0.1:${PORT}`,
        AUTH_SECRET: process.env.AUTH_SECRET ?? 'e2e-only-secret-e2e-only-secret-e2e-only',
        AUTH_TRUST_HOST: 'true',
        // The webhook spec's receiver listens on this machine (e2e/webhooks.spec.ts).
        WEBHOOK_ALLOWED_HOSTS: '127.0.0.1',
        SMTP_URL: `smtp://127.0.0.1:${SMTP_SINK_PORT}`,
        SMTP_RATE: '100',
      },
    },
  ],
});
