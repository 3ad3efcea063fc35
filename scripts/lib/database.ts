import path from 'node:path';
import pg from 'pg';
import { startEmbeddedPostgres } from './embedded-postgres';
import { runPrisma } from '../prisma-cli.mjs';
import { projectRoot } from './project-root';

export { projectRoot };

export type OpenDatabase = { url: string; embedded: boolean; stop(): Promise<void> };

/** Masthead's local data folder (embedded PostgreSQL, media, demo secret): MASTHEAD_DATA_DIR or ./data. */
export function dataRootFolder(env: NodeJS.ProcessEnv = process.env): string {
  return path.resolve(projectRoot, env.MASTHEAD_DATA_DIR || 'data');
}

/**
 * The database Masthead runs on: DATABASE_URL when set, otherwise the embedded PostgreSQL whose data
 * lives in `dataDir` (started, or reused when already running).
 */
export async function openDatabase({ dataDir, log = console.log }: { dataDir: string; log?: (line: string) => void }): Promise<OpenDatabase> {
  const url = process.env.DATABASE_URL;
  if (url) return { url, embedded: false, stop: async () => {} };
  const server = await startEmbeddedPostgres({ dataDir, log });
  return { url: server.url, embedded: true, stop: () => server.stop() };
}

/** Applies pending migrations (`prisma migrate deploy`); throws a clear error when one fails. */
export async function migrateDatabase(url: string): Promise<void> {
  const code = await runPrisma(['migrate', 'deploy'], { env: { ...process.env, DATABASE_URL: url }, cwd: projectRoot });
  if (code !== 0) {
    throw new Error(
      'Applying database migrations failed (see the message above). Nothing was started. Fix the migration or the database, then run `npm start` again.',
    );
  }
}

/** A URL for `database` on the same server as `url`. */
export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${encodeURIComponent(database)}`;
  return u.toString();
}

/** Runs `fn` with a client connected to the server's `postgres` maintenance database. */
export async function withMaintenanceClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: withDatabase(url, 'postgres') });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Creates a fresh, uniquely named database on the server of `serverUrl` and returns its URL and a drop function. */
export async function createScratchDatabase(serverUrl: string, prefix = 'masthead_test'): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `${prefix}_${Date.now().toString(36)}_${process.pid}`;
  await withMaintenanceClient(serverUrl, (c) => c.query(`CREATE DATABASE "${name}"`));
  return {
    url: withDatabase(serverUrl, name),
    drop: () => withMaintenanceClient(serverUrl, (c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => undefined),
  };
}
