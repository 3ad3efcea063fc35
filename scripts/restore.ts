/**
 * `npm run restore -- <backup folder> [--force]`: brings a backup made by `npm run backup` back into
 * DATABASE_URL (or the embedded PostgreSQL in data/postgres) and MEDIA_DIR, or the bucket of
 * MEDIA_STORAGE=s3. Refuses a non-empty database, a media folder with files or a bucket that already
 * holds the backup's images unless --force. Stop the site first: restoring replaces the database's content.
 */
import path from 'node:path';
import { mediaLocationFromEnv, restoreBackup } from './lib/backup';
import { dataRootFolder, openDatabase } from './lib/database';

const log = (line: string) => console.log(`[restore] ${line}`);
const usage = 'Usage: npm run restore -- <backup folder> [--force]';

async function main() {
  const args = process.argv.slice(2);
  const force = args.includes('--force');
  const positional = args.filter((a) => a !== '--force');
  if (positional.length !== 1 || positional[0]!.startsWith('-')) throw new Error(usage);

  const dataRoot = dataRootFolder();
  const media = mediaLocationFromEnv(dataRoot);
  const database = await openDatabase({ dataDir: path.join(dataRoot, 'postgres'), log });
  try {
    const manifest = await restoreBackup({
      dir: path.resolve(positional[0]!),
      databaseUrl: database.url,
      ...media,
      force,
      log,
    });
    log(`Restored the backup of ${manifest.createdAt}: ${manifest.database.rowCounts.Article ?? 0} articles, ${manifest.media.files.length} media files.`);
  } finally {
    await database.stop();
  }
}

main().catch((error: unknown) => {
  console.error(`[restore] ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
