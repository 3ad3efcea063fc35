import 'server-only';
import type { Db } from '@/lib/db';
import { decideFeedStep } from '@/lib/operations/decide-feed-step';
import { fanOutChanges, type ChangeRow } from '@/lib/webhooks/fan-out';

/** Longer than any transaction may run (lib/db.ts: 30 s): as the change feed's. */
const SETTLE_MS = 60_000;
const BATCH = 200;

/**
 * One step of the relay from change records to jobs (ADR 0014), in one transaction: lock the `changes`
 * cursor (SKIP LOCKED: when another instance holds it, this step does nothing), read the records after
 * it, fan each fresh one out into its deliveries and jobs, and store the new position. A crash before
 * the commit leaves neither jobs nor a moved cursor, so the next step does the same work again.
 * Returns how many records it handled (`busy` when another instance was relaying).
 */
export async function relayChanges(
  db: Db,
  { siteUrl }: { siteUrl: string },
): Promise<{ handled: number; deliveries: number; busy: boolean; more: boolean }> {
  return db.$transaction(async (tx) => {
    const [cursor] = await tx.$queryRaw<{ watermark: bigint; handled: bigint[] }[]>`
      SELECT watermark, handled FROM "QueueCursor" WHERE name = 'changes' FOR UPDATE SKIP LOCKED`;
    if (!cursor) return { handled: 0, deliveries: 0, busy: true, more: false };
    const rows = await tx.$queryRaw<(ChangeRow & { now: Date })[]>`
      SELECT id, kind, "targetType", "targetId", payload, "createdAt", now() AS now
      FROM "ChangeEvent" WHERE id > ${cursor.watermark} AND NOT (id = ANY(${cursor.handled}::bigint[])) ORDER BY id LIMIT ${BATCH}`;
    if (rows.length === 0) return { handled: 0, deliveries: 0, busy: false, more: false };
    const position = { watermark: cursor.watermark, handled: new Set(cursor.handled) };
    // Records handled already are not read again (a burst of them would fill every batch until they settle).
    const fresh = rows;
    const step = decideFeedStep({
      position,
      records: rows.map((r) => ({ id: r.id, tags: [], createdAt: r.createdAt })),
      now: rows[0]!.now,
      settleMs: SETTLE_MS,
    });
    const deliveries = await fanOutChanges(tx, fresh, { siteUrl });
    await tx.queueCursor.update({
      where: { name: 'changes' },
      data: { watermark: step.position.watermark, handled: [...step.position.handled] },
    });
    return { handled: fresh.length, deliveries, busy: false, more: rows.length === BATCH };
  });
}
