import 'server-only';
import type { Db } from '@/lib/db';
import { recordChange } from '@/lib/operations/operation';
import { decideEndpointHealth, decideNextAttempt } from '@/lib/webhooks/decide-backoff';
import type { Allowlist } from '@/lib/webhooks/decide-target';
import { enqueueAttempts, type AttemptJob } from '@/lib/webhooks/endpoint-writes';
import { deliverWebhook, type Resolver } from '@/lib/webhooks/safe-fetch';
import { signWebhook } from '@/lib/webhooks/sign';

/** How an attempt is made: the allowlist, the timeout, and for tests a resolver and a factor on the retry delays. */
export type AttemptSettings = { allowlist: Allowlist; timeoutMs?: number; resolve?: Resolver; retryDelayScale?: number; now?: () => Date };

/** What one attempt job did, for the log and the tests. */
type AttemptOutcome = 'skipped' | 'paused' | 'delivered' | 'retry' | 'dead' | 'replayed';

/**
 * Runs one `webhook.attempt` job: signs the delivery's fixed payload with the endpoint's secret (a fresh
 * `webhook-timestamp`, the same `webhook-id`), posts it through the SSRF-safe client, then in one
 * transaction records the attempt and decides what follows: delivered, the next attempt queued on the
 * retry schedule, or dead, after which an endpoint that keeps failing is disabled with a notice to
 * admins (`webhook.disabled` in the audit log). A scheduled attempt that has run already (a job run
 * twice) or whose delivery is settled does nothing; one for a disabled endpoint pauses the delivery.
 * A replay is one attempt that marks the delivery delivered on success and changes nothing else.
 */
export async function attemptDelivery(db: Db, job: AttemptJob, settings: AttemptSettings): Promise<AttemptOutcome> {
  const now = settings.now ?? (() => new Date());
  const delivery = await db.webhookDelivery.findUnique({
    where: { id: job.deliveryId },
    include: { endpoint: true, attemptLog: { select: { replay: true } } },
  });
  if (!delivery) return 'skipped';
  const scheduledSoFar = delivery.attemptLog.filter((a) => !a.replay).length;
  if (!job.replay) {
    if (delivery.status !== 'PENDING' || scheduledSoFar !== job.number - 1) return 'skipped';
    if (!delivery.endpoint.enabled) {
      await db.webhookDelivery.update({ where: { id: delivery.id }, data: { nextAttemptAt: null } });
      return 'paused';
    }
  }

  const body = JSON.stringify(delivery.payload);
  const startedAt = now();
  const headers = signWebhook({ id: delivery.messageId, timestamp: startedAt, body, secrets: [delivery.endpoint.secret] });
  const result = await deliverWebhook({
    url: delivery.endpoint.url,
    body,
    headers: { ...headers, 'content-type': 'application/json' },
    timeoutMs: settings.timeoutMs ?? 10_000,
    allowlist: settings.allowlist,
    resolve: settings.resolve,
  });

  return db.$transaction(async (tx) => {
    // The delivery row is the lock: attempts of one delivery are numbered one after another.
    const [locked] = await tx.$queryRaw<{ attempts: number; status: string }[]>`
      SELECT attempts, status::text FROM "WebhookDelivery" WHERE id = ${delivery.id} FOR UPDATE`;
    if (!locked) return 'skipped';
    // Settled meanwhile (a replay delivered it while this attempt was out): its outcome stands.
    if (!job.replay && locked.status !== 'PENDING') return 'skipped';
    const attempt = await tx.webhookAttempt.create({
      data: {
        deliveryId: delivery.id,
        number: locked.attempts + 1,
        replay: job.replay,
        ok: result.ok,
        refused: result.refused,
        statusCode: result.status,
        error: result.error,
        durationMs: result.durationMs,
        response: result.responseExcerpt || null,
        createdAt: startedAt,
      },
    });
    const tally = { attempts: attempt.number, lastStatus: result.status, lastError: result.ok ? null : result.error };
    if (job.replay) {
      await tx.webhookDelivery.update({
        where: { id: delivery.id },
        data: { ...tally, ...(result.ok ? { status: 'DELIVERED', deliveredAt: startedAt, nextAttemptAt: null } : {}) },
      });
      return 'replayed';
    }

    const history = await tx.webhookAttempt.findMany({
      where: { deliveryId: delivery.id, replay: false },
      select: { createdAt: true, ok: true, refused: true },
      orderBy: { number: 'asc' },
    });
    const next = decideNextAttempt({ attempts: history.map((a) => ({ at: a.createdAt, ok: a.ok, refused: a.refused })), now: startedAt });
    if (next.kind === 'delivered') {
      await tx.webhookDelivery.update({
        where: { id: delivery.id },
        data: { ...tally, status: 'DELIVERED', deliveredAt: startedAt, nextAttemptAt: null },
      });
      return 'delivered';
    }
    if (next.kind === 'attempt') {
      const scale = settings.retryDelayScale ?? 1;
      const at = new Date(startedAt.getTime() + (next.at.getTime() - startedAt.getTime()) * scale);
      await tx.webhookDelivery.update({ where: { id: delivery.id }, data: { ...tally, nextAttemptAt: at } });
      await enqueueAttempts(tx, [{ deliveryId: delivery.id, number: next.number, at }]);
      return 'retry';
    }
    await tx.webhookDelivery.update({
      where: { id: delivery.id },
      data: { ...tally, status: 'DEAD', nextAttemptAt: null, lastError: next.reason },
    });

    // An endpoint that keeps failing is disabled: its recent attempts, each delivery's last marked dead.
    const recent = await tx.$queryRaw<{ at: Date; ok: boolean; dead: boolean }[]>`
      SELECT a."createdAt" AS at, a.ok, (d.status = 'DEAD' AND a.number = d.attempts) AS dead
      FROM "WebhookAttempt" a JOIN "WebhookDelivery" d ON d.id = a."deliveryId"
      WHERE d."endpointId" = ${delivery.endpointId} AND a.replay = false
      ORDER BY a."createdAt" DESC LIMIT 500`;
    const health = decideEndpointHealth({ attempts: recent, now: startedAt });
    if (health.disable && delivery.endpoint.enabled) {
      await tx.webhookEndpoint.update({
        where: { id: delivery.endpointId },
        data: { enabled: false, disabledReason: health.reason, disabledAt: startedAt, version: { increment: 1 } },
      });
      await recordChange(tx, {
        actor: null,
        action: 'webhook.disabled',
        targetType: 'WebhookEndpoint',
        targetId: delivery.endpointId,
        detail: { url: delivery.endpoint.url, reason: health.reason },
        content: null,
      });
    }
    return 'dead';
  });
}
