import { hostname } from 'node:os';
import pg from 'pg';
import { CONTENT, revalidateTags } from '@/lib/cache/tags';
import { getDb } from '@/lib/db';
import { decideFeedStep, reconnectDelay, type FeedPosition, type FeedRecord } from '@/lib/operations/decide-feed-step';
import { instanceId } from '@/lib/operations/instance';

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
 * case, then purges the records' cache tags in this process (`revalidateTags`: the response cache and
 * the shared-cache hook). Records this process wrote are skipped: its Server Action or job purged them
 * already. A listening connection that is lost (a restart of PostgreSQL, `pg_terminate_backend`) is
 * reopened with backoff, and having possibly missed notifications the instance then purges every page
 * it holds. The listener's `application_name` is `masthead-feed:<host>:<port>`, so an operator (or a
 * test) can find one instance's connection in pg_stat_activity.
 * Started by instrumentation.ts; a no-op without DATABASE_URL.
 */
export function startChangeFeed({ databaseUrl = process.env.DATABASE_URL, log = console.log }: { databaseUrl?: string; log?: (line: string) => void } = {}) {
  if (globalForFeed.mastheadChangeFeed || !databaseUrl) return;
  let position: FeedPosition | null = null;
  let pendingPurge: string[] = [];
  let running = false;
  let again = false;
  let listener: pg.Client | null = null;
  let stopped = false;
  let succeeded = false;

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
      if (purge.length) revalidateTags(purge);
      succeeded = true;
      pendingPurge = [];
      position = next.position;
      if (rows.length === BATCH) again = true;
    } catch (error) {
      // The database may not be up yet (start-up) or be away: the next step retries. Logged once it worked.
      if (succeeded) log(`[change-feed] ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      running = false;
      if (again && !stopped) {
        again = false;
        void step();
      }
    }
  };

  let attempt = 0;
  let connectedBefore = false;
  const retry = () => {
    if (stopped) return;
    setTimeout(() => void listen(), reconnectDelay(attempt++)).unref();
  };
  const listen = async () => {
    if (stopped) return;
    const client = new pg.Client({ connectionString: databaseUrl, application_name: `masthead-feed:${hostname()}:${process.env.PORT ?? ''}`.slice(0, 63) });
    client.on('notification', () => void step());
    let lost = false;
    const onLost = (reason: string) => {
      if (lost) return;
      lost = true;
      if (listener === client) log(`[change-feed] listening connection lost (${reason}); reconnecting`);
      if (listener === client) listener = null;
      void client.end().catch(() => {});
      retry();
    };
    client.on('error', (error) => onLost(error.message));
    client.on('end', () => onLost('closed'));
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANNEL}`);
      listener = client;
      attempt = 0;
      // Notifications sent while no connection listened are lost: purge everything once, then read on.
      if (connectedBefore) pendingPurge = [CONTENT];
      connectedBefore = true;
      void step();
    } catch {
      onLost('could not connect');
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
