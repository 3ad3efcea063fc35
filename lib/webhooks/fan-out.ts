import 'server-only';
import { randomUUID } from 'node:crypto';
import {
  getAuthorOrThrow,
  getCampaignOrThrow,
  getPublishedArticleOrThrow,
  getSectionOrThrow,
  presentArticle,
} from '@/lib/api/content-queries';
import type { Db } from '@/lib/db';
import { isAppError } from '@/lib/errors';
import type { Prisma } from '@/lib/generated/prisma/client';
import type { Change } from '@/lib/operations/operation';
import { enqueueAttempt } from '@/lib/webhooks/endpoint-writes';
import { webhookEventOf, webhookMessageId, webhookPayload, type WebhookEvent } from '@/lib/webhooks/payload';

type Tx = Prisma.TransactionClient;

/** A change record as the relay reads it. */
export type ChangeRow = { id: bigint; kind: string; targetType: string; targetId: string | null; payload: unknown; createdAt: Date };

/** The object a payload carries: the thing as the Content API shows it now, or only its id when readers no longer see it. */
async function objectOf(tx: Tx, event: WebhookEvent, targetId: string | null, siteUrl: string): Promise<unknown> {
  if (!targetId) return null;
  const db = tx as unknown as Db;
  try {
    if (event === 'article.published' || event === 'article.updated')
      return presentArticle(await getPublishedArticleOrThrow(db, { id: targetId }), { siteUrl });
    if (event.startsWith('section.') && event !== 'section.deleted') return await getSectionOrThrow(db, targetId, siteUrl);
    if (event.startsWith('author.')) return await getAuthorOrThrow(db, targetId, siteUrl);
    if (event.startsWith('campaign.')) return await getCampaignOrThrow(db, targetId, siteUrl);
  } catch (error) {
    // Gone, or no longer public, since the change: receivers get its id.
    if (!isAppError(error, 'NOT_FOUND')) throw error;
  }
  return { id: targetId };
}

/** What changed: the operation that made the change and what its audit row recorded (versions, before and after). */
async function changesOf(tx: Tx, row: ChangeRow): Promise<Record<string, unknown>> {
  const [audit] = await tx.$queryRaw<{ detail: unknown }[]>`
    SELECT detail FROM "AuditEvent"
    WHERE action = ${row.kind} AND "targetId" IS NOT DISTINCT FROM ${row.targetId}
    ORDER BY abs(extract(epoch FROM "createdAt" - ${row.createdAt}::timestamp)) LIMIT 1`;
  return { operation: row.kind, ...(audit?.detail && typeof audit.detail === 'object' ? { detail: audit.detail } : {}) };
}

/**
 * Turns committed change records into webhook deliveries, in the relay's transaction: for each record
 * reported as an event (`webhookEventOf`), one `WebhookDelivery` per enabled endpoint that hears that
 * event, its payload fixed now (the object as the Content API shows it, and what changed), and its first
 * attempt queued. A delivery is unique per (change, endpoint), so relaying a record twice adds nothing.
 * Returns how many deliveries were made.
 */
export async function fanOutChanges(tx: Tx, rows: readonly ChangeRow[], { siteUrl }: { siteUrl: string }): Promise<number> {
  const reported = rows
    .map((row) => ({ row, event: webhookEventOf({ kind: row.kind, content: (row.payload as Partial<Change> | null)?.content ?? null }) }))
    .filter((r): r is { row: ChangeRow; event: WebhookEvent } => r.event !== null);
  if (reported.length === 0) return 0;
  const endpoints = await tx.webhookEndpoint.findMany({ where: { enabled: true }, select: { id: true, events: true } });
  let made = 0;
  for (const { row, event } of reported) {
    const listeners = endpoints.filter((e) => e.events.includes(event));
    if (listeners.length === 0) continue;
    const payload = webhookPayload({
      event,
      occurredAt: row.createdAt,
      id: row.targetId,
      object: await objectOf(tx, event, row.targetId, siteUrl),
      changes: await changesOf(tx, row),
    }) as unknown as Prisma.InputJsonValue;
    const created = await tx.webhookDelivery.createManyAndReturn({
      data: listeners.map((e) => ({
        id: `wd_${randomUUID().replaceAll('-', '')}`.slice(0, 30),
        endpointId: e.id,
        changeId: row.id,
        event,
        messageId: webhookMessageId({ changeId: row.id, endpointId: e.id }),
        payload,
        nextAttemptAt: new Date(),
      })),
      skipDuplicates: true,
      select: { id: true },
    });
    for (const delivery of created) await enqueueAttempt(tx, { deliveryId: delivery.id, number: 1 });
    made += created.length;
  }
  return made;
}
