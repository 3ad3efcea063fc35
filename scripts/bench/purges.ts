/**
 * Renders per purge under load: while wrk (or autocannon) loads one page, an outside process announces
 * `content` changes as an operation does, by inserting ChangeEvent rows (a trigger NOTIFYs, the server's
 * change feed purges the tags; `content` purges every page), and the server's cache counters are read
 * before and after. With request coalescing each purge should cost about one render, not one per
 * connection waiting.
 */
import pg from 'pg';
import { oneMinuteLoad } from '../lib/machine';
import type { PurgeRun } from './decide-load-result';
import { measureUrl, readCacheStats, type LoadTool } from './load';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Inserts one change record that purges `content` on every server listening to `databaseUrl`'s change feed. */
async function announcePurge(client: pg.Client): Promise<void> {
  await client.query(`INSERT INTO "ChangeEvent" (kind, "targetType", tags, payload) VALUES ('bench.purge', 'Bench', '{content}', '{"origin":"bench"}')`);
}

/**
 * Loads `baseUrl` + `path` at `connections` connections for lead-in + `purges` × `intervalMs` + tail, and
 * inserts `purges` content purges `intervalMs` apart after the lead-in; the counters are read just before
 * the first purge and one interval after the last (time for its render).
 */
export async function measurePurgesUnderLoad({
  baseUrl,
  databaseUrl,
  path = '/',
  connections = 50,
  purges = 5,
  intervalMs = 1_000,
  leadMs = 1_500,
  tool,
}: {
  baseUrl: string;
  databaseUrl: string;
  path?: string;
  connections?: number;
  purges?: number;
  intervalMs?: number;
  leadMs?: number;
  tool: LoadTool;
}): Promise<PurgeRun> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const durationS = Math.ceil((2 * leadMs + purges * intervalMs) / 1000);
    const load = measureUrl({ url: baseUrl + path, durationS, connections, tool });
    // Reported by `await load` below; keeps an early failure from being unhandled meanwhile.
    load.catch(() => {});
    await sleep(leadMs);
    const before = await readCacheStats(baseUrl);
    for (let i = 0; i < purges; i++) {
      await announcePurge(client);
      await sleep(intervalMs);
    }
    const after = await readCacheStats(baseUrl);
    const result = await load;
    return { purges, connections, path, before, after, result, load1: oneMinuteLoad() };
  } finally {
    await client.end();
  }
}
