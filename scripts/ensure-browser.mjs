#!/usr/bin/env node
// Before the e2e tests: use CHROME_PATH or the system Chromium when there is one; otherwise make sure
// Playwright's own Chromium is installed (this needs internet once). Offline machines: install Chromium
// from the system's packages (Debian: `apt-get install chromium`) or set CHROME_PATH.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';

const candidate = process.env.CHROME_PATH || (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : '');
if (candidate) {
  if (!existsSync(candidate)) {
    console.error(`CHROME_PATH=${candidate} does not exist.`);
    process.exit(1);
  }
  process.exit(0);
}
if (existsSync(chromium.executablePath())) process.exit(0);
console.log('Installing Playwright\'s Chromium (once)…');
const result = spawnSync(process.execPath, ['node_modules/@playwright/test/cli.js', 'install', 'chromium'], { stdio: 'inherit' });
if (result.status !== 0) {
  console.error('Could not install Playwright\'s Chromium. Without internet, install Chromium from your system packages (e.g. `apt-get install chromium`) or set CHROME_PATH.');
  process.exit(1);
}
