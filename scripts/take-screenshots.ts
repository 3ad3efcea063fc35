/**
 * Screenshots of the front page, a section and an article at 390 px and 1280 px, for docs/screenshots.
 *
 *   BASE_URL=http://127.0.0.1:3000 ARTICLE_PATH=/life-sciences/… npx tsx scripts/take-screenshots.ts
 *
 * Pages are cut at 2,500 px tall so each PNG stays small enough to commit.
 */
import path from 'node:path';
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumPath } from './lib/chromium';

const base = process.env.BASE_URL ?? 'http://127.0.0.1:3000';
const pages = [
  { name: 'front', path: '/' },
  { name: 'section', path: '/life-sciences' },
  { name: 'article', path: process.env.ARTICLE_PATH ?? '/life-sciences/why-london-s-life-sciences-cluster-kept-growing-through-the-downturn' },
];
const widths = [390, 1280];
const out = path.resolve('docs/screenshots');

const browser = await chromium.launch({
  executablePath: chromiumPath,
  args: CHROMIUM_ARGS,
});
try {
  for (const width of widths) {
    const page = await browser.newPage({ viewport: { width, height: 900 } });
    for (const p of pages) {
      await page.goto(`${base}${p.path}`, { waitUntil: 'load' });
      // Lazy images below the fold: scroll through so they load before the shot.
      await page.evaluate(async () => {
        for (let y = 0; y < 2500; y += 400) {
          window.scrollTo(0, y);
          await new Promise((r) => setTimeout(r, 120));
        }
        window.scrollTo(0, 0);
      });
      await page.waitForTimeout(300);
      const height = Math.min(2500, await page.evaluate(() => document.documentElement.scrollHeight));
      await page.screenshot({ path: path.join(out, `${p.name}-${width}.png`), fullPage: true, clip: { x: 0, y: 0, width, height } });
      console.log(`${p.name}-${width}.png`);
    }
    await page.close();
  }
} finally {
  await browser.close();
}
