import pg from 'pg';
import { CONTENT } from '@/lib/cache/tags';
import { getDb } from '@/lib/db';
import { decideFeedStep, type FeedPosition, type FeedRecord } from '@/lib/operations/decide-feed-step';
import { instanceId } from '@/lib/operations/instance';
import { requestTagRevalidation } from '@/lib/operations/job';

const CHANNEL = 'masthead_changes';
/** How often the feed reads the change records even without a notification (a lost connection). */
const POLL_MS = 5_000;
/** Longer than any transaction may run (lib/db.ts: 30 s), so an id taken earlier has committed by then. */
const SETTLE_MS = 60_000;
const BATCH = 1_000;

const globalForFeed = globalThis as unknown as { mastheadChangeFeed?: { stop: () => Promise<void> } };

/**
 * Makes this instance hear every instance's committed changes: it LISTENs on `masthead_changes` (a
 * trigger NOTIFYs each new ChangeEvent at commit) and reads the change records every few seconds in any
 * case, then purges the records' cache tags on its own server (`/api/internal/revalidate`). Records
 * this process wrote are skipped: its Server Action or job purged them already. At start it purges
 * every reader page once, since its cache on disk may predate changes made while it was down.
 * Started by instrumentation.ts; a no-op without DATABASE_URL.
 */
export function startChangeFeed({ databaseUrl = process.env.DATABASE_URL, log = console.log }: { databaseUrl?: string; log?: (line: string) => void } = {}) {
  if (globalForFeed.mastheadChangeFeed || !databaseUrl) return;
  let position: FeedPosition | null = null;
  let pendingPurge: string[] = [CONTENT];
  let running = false;
  let again = false;
  let listener: pg.Client | null = null;
  let stopped = false;
  let answered = false;

  const step = async () => {
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      const db = getDb();
      if (!position) {
        const [top] = await db.$queryRaw<{ max: bigint | null }[]>`SELECT max(id) AS max FROM "ChangeEvent"`;
        position = { watermark: top?.max ?? 0n, handled: new Set() };
      }
      const rows = await db.$queryRaw<(FeedRecord & { origin: string | null; now: Date })[]>`
        SELECT id, tags, "createdAt", payload->>'origin' AS origin, now() AS now
        FROM "ChangeEvent" WHERE id > ${position.watermark} ORDER BY id LIMIT ${BATCH}`;
      const me = instanceId();
      // Records of this process count as handled, with no tags to purge.
      const records = rows.map((r) => ({ id: r.id, createdAt: r.createdAt, tags: r.origin === me ? [] : r.tags }));
      const next = decideFeedStep({ position, records, now: rows[0]?.now ?? new Date(), settleMs: SETTLE_MS });
      const purge = [...new Set([...pendingPurge, ...next.purge])];
      if (purge.length) await requestTagRevalidation(purge);
      answered = true;
      pendingPurge = [];
      position = next.position;
      if (rows.length === BATCH) again = true;
    } catch (error) {
      // The server may not answer yet (start-up) or the database may be away: the next step retries.
      if (answered) log(`[change-feed] ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      running = false;
      if (again && !stopped) {
        again = false;
        void step();
      }
    }
  };

  const listen = async () => {
    if (stopped) return;
    const client = new pg.Client({ connectionString: databaseUrl });
    client.on('notification', () => void step());
    client.on('error', () => {
      listener = null;
      void client.end().catch(() => {});
      if (!stopped) setTimeout(() => void listen(), POLL_MS).unref();
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANNEL}`);
      listener = client;
    } catch {
      void client.end().catch(() => {});
      if (!stopped) setTimeout(() => void listen(), POLL_MS).unref();
    }
  };

  const timer = setInterval(() => void step(), POLL_MS);
  timer.unref();
  void listen();
  globalForFeed.mastheadChangeFeed = {
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      await listener?.end().catch(() => {});
    },
  };
}
