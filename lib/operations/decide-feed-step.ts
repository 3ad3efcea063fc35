/** One change record as the feed reads it. */
export type FeedRecord = { id: bigint; tags: string[]; createdAt: Date };

/** Where an instance's change feed stands: every record at or below `watermark` is handled, and these above it. */
export type FeedPosition = { watermark: bigint; handled: ReadonlySet<bigint> };

/**
 * One step of the change feed, pure: which cache tags to purge for the records read above the
 * watermark, and the new position. Ids come from a sequence, so a transaction that took an id earlier
 * may commit later than one that took a larger id: the watermark only moves past records older than
 * `settleMs` (longer than any transaction may run), and newer ones are remembered one by one so none is
 * purged twice or skipped.
 */
export function decideFeedStep({ position, records, now, settleMs }: { position: FeedPosition; records: readonly FeedRecord[]; now: Date; settleMs: number }) {
  const fresh = records.filter((r) => r.id > position.watermark && !position.handled.has(r.id));
  const purge = [...new Set(fresh.flatMap((r) => r.tags))];
  const handled = new Set([...position.handled, ...fresh.map((r) => r.id)]);
  const settledBefore = now.getTime() - settleMs;
  // The watermark may pass the ids of settled records, but never a gap that a late commit could still fill.
  let watermark = position.watermark;
  const ordered = [...records].filter((r) => r.id > watermark).sort((a, b) => (a.id < b.id ? -1 : 1));
  for (const r of ordered) {
    if (r.createdAt.getTime() > settledBefore) break;
    watermark = r.id;
  }
  for (const id of handled) if (id <= watermark) handled.delete(id);
  return { purge, position: { watermark, handled } satisfies FeedPosition };
}

/**
 * The wait before reconnect attempt `attempt` (0 first) of the feed's listening connection: soon at
 * first (a killed connection is back within a fraction of a second), doubling up to `max`.
 */
export function reconnectDelay(attempt: number, { min = 100, max = 10_000 }: { min?: number; max?: number } = {}): number {
  return Math.min(max, min * 2 ** Math.max(0, attempt));
}
