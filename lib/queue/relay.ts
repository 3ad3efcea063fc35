import 'server-only';
import type { Db } from '@/lib/db';
import { decideFeedStep } from '@/lib/operations/decide-feed-step';
import { queueArticleNewsletters } from '@/lib/newsletters/sends';
import { fanOutChanges, type ChangeRow } from '@/lib/webhooks/fan-out';

/** Longer than any transaction may run (lib/db.ts: 30 s): as the change feed's. */
const SETTLE_MS = 60_000;
const BATCH = 200;

/**
 * One step of the relay from change records to jobs (ADR 0014), in one transaction: lock the `changes`
 * cursor (SKIP LOCKED: when another instance holds it, this step does nothing), read the records after
 * it, fan each fresh one out into its webhook deliveries and newsletter sends with their jobs, and store the new position. A crash before
 * the commit leaves neither jobs nor a moved cursor, so the next step does the same work again.
 * `more` when a full batch was read (another step should follow at once).
 */
export async function relayChanges(
  db: Db,
  { siteUrl }: { siteUrl: string },
): Promise<{ more: boolean }> {
  return db.$transaction(async (tx) => {
    const [cursor] = await tx.$queryRaw<{ watermark: bigint; handled: bigint[] }[]>`
      SELECT watermark, handled FROM "QueueCursor" WHERE name = 'changes' FOR UPDATE SKIP LOCKED`;
    if (!cursor) return { more: false };
    // Records handled already are not read again (a burst of them would fill every batch until they settle).
    const rows = await tx.$queryRaw<(ChangeRow & { now: Date })[]>`
      SELECT id, kind, "targetType", "targetId", payload, "createdAt", now() AS now
      FROM "ChangeEvent" WHERE id > ${cursor.watermark} AND NOT (id = ANY(${cursor.handled}::bigint[])) ORDER BY id LIMIT ${BATCH}`;
    if (rows.length === 0) return { more: false };
    const position = { watermark: cursor.watermark, handled: new Set(cursor.handled) };
    const step = decideFeedStep({
      position,
      records: rows.map((r) => ({ id: r.id, tags: [], createdAt: r.createdAt })),
      now: rows[0]!.now,
      settleMs: SETTLE_MS,
    });
    await fanOutChanges(tx, rows, { siteUrl });
    await queueArticleNewsletters(tx, rows);
    await tx.queueCursor.update({
      where: { name: 'changes' },
      data: { watermark: step.position.watermark, handled: [...step.position.handled] },
    });
    return { more: rows.length === BATCH };
  });
}
