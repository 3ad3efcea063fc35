import { existsSync } from 'node:fs';

/** The browser every script and the e2e suite launch: CHROME_PATH, else the system's /usr/bin/chromium, else Playwright's own (undefined). */
export const chromiumPath: string | undefined =
  process.env.CHROME_PATH || (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);

/** The flags Chromium runs with here: as root in a container, with no GPU, and nothing phoning home. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
