import 'server-only';
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
import { enqueueAttempts } from '@/lib/webhooks/endpoint-writes';
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

/** The audit details of the records' changes, by audit row id (`auditId` in each record's payload), in one query. */
async function auditDetailsOf(tx: Tx, rows: readonly ChangeRow[]): Promise<Map<string, unknown>> {
  const ids = rows.map((row) => auditIdOf(row)).filter((id): id is string => id !== null);
  if (ids.length === 0) return new Map();
  const audits = await tx.auditEvent.findMany({ where: { id: { in: ids } }, select: { id: true, detail: true } });
  return new Map(audits.map((a) => [a.id, a.detail]));
}

const detailObject = (detail: unknown) => (detail && typeof detail === 'object' ? { detail } : null);

const auditIdOf = (row: ChangeRow): string | null => {
  const id = (row.payload as { auditId?: unknown } | null)?.auditId;
  return typeof id === 'string' ? id : null;
};

/**
 * Turns committed change records into webhook deliveries, in the relay's transaction: for each record
 * reported as an event (`webhookEventOf`), one `WebhookDelivery` per enabled endpoint that hears that
 * event, its payload fixed now (the object as the Content API shows it, and what changed), and its first
 * attempt queued. A delivery is unique per (change, endpoint), so relaying a record twice adds nothing.
 */
export async function fanOutChanges(tx: Tx, rows: readonly ChangeRow[], { siteUrl }: { siteUrl: string }): Promise<void> {
  const reported = rows
    .map((row) => ({ row, event: webhookEventOf({ kind: row.kind, content: (row.payload as Partial<Change> | null)?.content ?? null }) }))
    .filter((r): r is { row: ChangeRow; event: WebhookEvent } => r.event !== null);
  if (reported.length === 0) return;
  const endpoints = await tx.webhookEndpoint.findMany({ where: { enabled: true }, select: { id: true, events: true } });
  if (endpoints.length === 0) return;
  const details = await auditDetailsOf(
    tx,
    reported.filter((r) => endpoints.some((e) => e.events.includes(r.event))).map((r) => r.row),
  );
  const attempts: { deliveryId: string; number: number }[] = [];
  for (const { row, event } of reported) {
    const listeners = endpoints.filter((e) => e.events.includes(event));
    if (listeners.length === 0) continue;
    const payload = webhookPayload({
      event,
      occurredAt: row.createdAt,
      id: row.targetId,
      object: await objectOf(tx, event, row.targetId, siteUrl),
      // What changed: the operation that made the change and what its audit row recorded (versions, before and after).
      changes: { operation: row.kind, ...(detailObject(details.get(auditIdOf(row) ?? '')) ?? {}) },
    }) as unknown as Prisma.InputJsonValue;
    const created = await tx.webhookDelivery.createManyAndReturn({
      data: listeners.map((e) => ({
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
    attempts.push(...created.map((delivery) => ({ deliveryId: delivery.id, number: 1 })));
  }
  await enqueueAttempts(tx, attempts);
}
