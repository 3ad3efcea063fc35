/**
 * Runs the background work on its own, without serving pages (ADR 0014): the relay from change records
 * to jobs and the queue's workers (webhook deliveries), the same code every `npm start` runs. Start as
 * many as you like beside the web instances (give those QUEUE_WORKERS=off to keep them to pages); they
 * share the work through PostgreSQL. Stops gracefully on SIGTERM or SIGINT, finishing current jobs.
 *   npm run worker            (DATABASE_URL, or the embedded PostgreSQL in data/postgres)
 */
import path from 'node:path';
import { dataRootFolder, openDatabase } from './lib/database';

async function main() {
  const database = await openDatabase({ dataDir: path.join(dataRootFolder(), 'postgres'), log: (l) => console.log(`[db] ${l}`) });
  process.env.DATABASE_URL = database.url;
  const { startQueueWorkers, stopQueueWorkers } = await import('@/lib/queue/workers');
  await startQueueWorkers();
  console.log('[worker] relaying change records and running jobs; Ctrl-C to stop');
  const stop = async (signal: string) => {
    console.log(`[worker] ${signal}: finishing current jobs`);
    await stopQueueWorkers();
    await database.stop();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
