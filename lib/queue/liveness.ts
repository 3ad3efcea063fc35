import 'server-only';
import { randomInt } from 'node:crypto';
import pg from 'pg';

/** The advisory-lock namespace of sending processes (the first of the two int4 keys). */
export const LIVENESS_NAMESPACE = 4242;

const globalForLiveness = globalThis as unknown as { mastheadLiveness?: Promise<{ key: number; client: pg.Client }> };

/**
 * This process's liveness key: a random int4 held as a session advisory lock (`pg_advisory_lock(4242,
 * key)`) on a connection of its own for as long as the process lives. A row claimed with the key
 * (`claimedBy`) belongs to a live process exactly while the lock is held: when the process dies, even
 * by `kill -9`, PostgreSQL ends its session and the lock goes, so another process may take the row over
 * at once instead of after a guessed lease (SQL of the check: `claimHolderIsGone`).
 */
export function livenessKey(databaseUrl = process.env.DATABASE_URL): Promise<number> {
  globalForLiveness.mastheadLiveness ??= (async () => {
    if (!databaseUrl) throw new Error('Liveness needs DATABASE_URL.');
    const client = new pg.Client({ connectionString: databaseUrl, application_name: 'masthead-liveness' });
    await client.connect();
    client.on('error', () => {
      // The session, and with it the lock, is gone: take a new key on the next call.
      globalForLiveness.mastheadLiveness = undefined;
    });
    for (;;) {
      const key = randomInt(1, 2 ** 31 - 1);
      const { rows } = await client.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1, $2) AS ok', [LIVENESS_NAMESPACE, key]);
      if (rows[0]?.ok) return { key, client };
    }
  })();
  globalForLiveness.mastheadLiveness.catch(() => (globalForLiveness.mastheadLiveness = undefined));
  return globalForLiveness.mastheadLiveness.then((l) => l.key);
}

/** SQL true when the process whose key is in `column` no longer holds its liveness lock. */
export const claimHolderIsGone = (column: string) =>
  `NOT EXISTS (SELECT 1 FROM pg_locks l WHERE l.locktype = 'advisory' AND l.classid = ${LIVENESS_NAMESPACE} AND l.objid = ${column}::oid AND l.objsubid = 2 AND l.granted)`;

/** Releases the lock (a graceful stop). */
export async function releaseLiveness() {
  const held = globalForLiveness.mastheadLiveness;
  globalForLiveness.mastheadLiveness = undefined;
  const l = await held?.catch(() => null);
  await l?.client.end().catch(() => {});
}
