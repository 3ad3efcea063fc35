/**
 * `npm run backup [-- --out <folder>]`: a consistent backup of the running site's database and media
 * into backups/<timestamp>/ (see scripts/lib/backup.ts). Uses DATABASE_URL, or the embedded PostgreSQL
 * in data/postgres (MASTHEAD_DATA_DIR), started or shared with a running `npm start`; the media of
 * MEDIA_DIR, or with MEDIA_STORAGE=s3 the images the database references, read from the bucket.
 */
import path from 'node:path';
import { createBackup, mediaLocationFromEnv } from './lib/backup';
import { dataRootFolder, openDatabase, projectRoot } from './lib/database';

const log = (line: string) => console.log(`[backup] ${line}`);

async function main() {
  const args = process.argv.slice(2);
  const outIndex = args.indexOf('--out');
  const out = outIndex === -1 ? undefined : args[outIndex + 1];
  if (outIndex !== -1 && !out) throw new Error('Usage: npm run backup [-- --out <folder>]');
  const unknown = args.filter((a, i) => a !== '--out' && i !== outIndex + 1);
  if (unknown.length) throw new Error(`Unknown argument(s): ${unknown.join(' ')}. Usage: npm run backup [-- --out <folder>]`);

  const dataRoot = dataRootFolder();
  const media = mediaLocationFromEnv(dataRoot);
  const database = await openDatabase({ dataDir: path.join(dataRoot, 'postgres'), log });
  try {
    const { dir, manifest } = await createBackup({
      databaseUrl: database.url,
      ...media,
      ...(out ? { outDir: path.resolve(out) } : { outRoot: path.join(projectRoot, 'backups') }),
      log,
    });
    const rows = Object.values(manifest.database.rowCounts).reduce((a, b) => a + b, 0);
    log(`Backup written to ${dir}: ${manifest.database.engine}, ${rows} rows, ${manifest.media.files.length} media files.`);
    if (manifest.media.missing.length) process.exitCode = 2;
  } finally {
    await database.stop();
  }
}

main().catch((error: unknown) => {
  console.error(`[backup] ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
