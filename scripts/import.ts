/**
 * `npm run import -- --from wordpress export.xml` or `npm run import -- --from ghost export.json`
 *
 * Imports a WordPress export (Tools → Export, WXR) or a Ghost export (Settings → Labs → Export) into
 * Masthead: posts, pages, categories or tags as sections, tags, authors, images, and 301s from the old
 * addresses. Running it again creates nothing twice. Options (docs/import.md):
 *   --dry-run            read and convert everything, print what would happen, write nothing
 *   --media-dir <dir>    take images from this folder (matched by their path) instead of downloading them
 *   --section <slug>     put every post in this section (created when missing); categories/tags stay tags
 *   --site-url <url>     the old site's address (Ghost exports do not say it): relative images, identity
 *   --report <file>      where to write the JSON report (default: next to the export)
 *   --batch-size <n>     posts per transaction (default 200)
 * Uses DATABASE_URL, or the embedded PostgreSQL in data/postgres like the other database scripts.
 */
import { writeFile } from 'node:fs/promises';
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createPrismaClient } from '@/lib/db';
import { parseMediaEnv } from '@/lib/env';
import { summaryLines } from '@/lib/import/import-report';
import { runImport, type ImportProgress } from '@/lib/import/run-import';
import { createConfiguredStorage } from '@/lib/media/configured-storage';
import { dataRootFolder, openDatabase } from './lib/database';

const USAGE =
  'Usage: npm run import -- --from wordpress|ghost <export file> [--dry-run] [--media-dir <dir>] [--section <slug>] [--site-url <url>] [--report <file>]';

/** A one-line progress display on a terminal, redrawn in place; nothing when stderr is not one. */
function progressLine(): (p: ImportProgress) => void {
  if (!process.stderr.isTTY) return () => {};
  let last = 0;
  return (p) => {
    const now = Date.now();
    if (now - last < 200 && p.done < p.total) return;
    last = now;
    const text =
      p.phase === 'reading'
        ? 'Reading the export…'
        : p.phase === 'taxonomy'
          ? `Sections, authors and tags… (${p.total.toLocaleString('en')} posts and pages to go)`
          : `Posts ${p.done.toLocaleString('en')}/${p.total.toLocaleString('en')}${p.postsPerSecond ? ` · ${Math.round(p.postsPerSecond).toLocaleString('en')} posts/s` : ''}`;
    process.stderr.write(`\r\u001b[2K${text}`);
  };
}

async function main() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    strict: true,
    options: {
      from: { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
      'media-dir': { type: 'string' },
      section: { type: 'string' },
      'site-url': { type: 'string' },
      report: { type: 'string' },
      'batch-size': { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(`${USAGE}\nSee docs/import.md.`);
    return;
  }
  const from = values.from;
  const file = positionals[0];
  if ((from !== 'wordpress' && from !== 'ghost') || !file || positionals.length > 1) throw new Error(USAGE);
  if (!existsSync(file) || !statSync(file).isFile()) throw new Error(`No such file: ${file}`);
  const mediaDir = values['media-dir'] ?? null;
  if (mediaDir && !(existsSync(mediaDir) && statSync(mediaDir).isDirectory())) throw new Error(`--media-dir ${mediaDir} is not a folder.`);
  const batchSize = values['batch-size'] ? Number(values['batch-size']) : 200;
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 1000)
    throw new Error('--batch-size must be a whole number from 1 to 1000.');
  const reportPath = path.resolve(values.report ?? `${file}.import-report.json`);

  const dataRoot = dataRootFolder();
  const database = await openDatabase({ dataDir: path.join(dataRoot, 'postgres'), log: (l) => console.error(`[db] ${l}`) });
  const db = createPrismaClient(database.url, 4);
  const storage = createConfiguredStorage(
    parseMediaEnv({ ...process.env, MEDIA_DIR: process.env.MEDIA_DIR || path.join(dataRoot, 'media') }),
  );
  try {
    const report = await runImport({
      db,
      storage,
      options: {
        from,
        file: path.resolve(file),
        dryRun: values['dry-run'],
        mediaDir,
        section: values.section ?? null,
        siteUrl: values['site-url'] ?? null,
        batchSize,
      },
      onProgress: progressLine(),
    });
    if (process.stderr.isTTY) process.stderr.write('\r\u001b[2K');
    await writeFile(reportPath, `${JSON.stringify(report, null, 2)}\n`);
    console.log(summaryLines(report, reportPath).join('\n'));
    const handled =
      report.articles.created +
      report.articles.updated +
      report.articles.skipped +
      report.pages.created +
      report.pages.updated +
      report.pages.skipped;
    if (report.readError && handled === 0) process.exitCode = 1;
  } finally {
    await db.$disconnect();
    await database.stop();
  }
}

main().catch((error: unknown) => {
  if (process.stderr.isTTY) process.stderr.write('\n');
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
