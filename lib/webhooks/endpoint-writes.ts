import 'server-only';
import { randomUUID } from 'node:crypto';
import { assertCan } from '@/lib/auth/permissions';
import { getEnv } from '@/lib/env';
import { AppError } from '@/lib/errors';
import type { Prisma } from '@/lib/generated/prisma/client';
import { derivedJobId } from '@/lib/queue/job-id';
import { getBoss, QUEUE_NAMES, transactionDb } from '@/lib/queue/boss';
import { dbOf, parseInput, recordChange, type OperationArgs, type Outcome } from '@/lib/operations/operation';
import { decideWebhookUrl, parseAllowlist, type Allowlist } from '@/lib/webhooks/decide-target';
import {
  createWebhookEndpointSchema,
  updateWebhookEndpointSchema,
  webhookDeliveryRefSchema,
  webhookEndpointRefSchema,
} from '@/lib/webhooks/schemas';
import { generateWebhookSecret } from '@/lib/webhooks/sign';

type Tx = Prisma.TransactionClient;

/** The hosts and ranges webhooks may reach although not public (`WEBHOOK_ALLOWED_HOSTS`). */
export function webhookAllowlist(): Allowlist {
  return parseAllowlist(getEnv().WEBHOOK_ALLOWED_HOSTS);
}

/** The URL as stored, or INVALID with the SSRF rule it breaks, on the `url` field. */
function checkedUrl(url: string): string {
  const decision = decideWebhookUrl(url, { allowlist: webhookAllowlist() });
  if (!decision.ok) throw new AppError('INVALID', decision.reason, { url: [decision.reason] });
  return decision.url.href;
}

async function loadEndpointOrThrow(tx: Tx, endpointId: string) {
  const endpoint = await tx.webhookEndpoint.findUnique({ where: { id: endpointId } });
  if (!endpoint) throw new AppError('NOT_FOUND', 'No such webhook endpoint.');
  return endpoint;
}

/**
 * Registers an endpoint (`manage:webhooks`) with a new signing secret: it hears the chosen events of
 * changes committed from now on. The URL must pass the SSRF rules (public, https). Audited `webhook.created`.
 */
export async function createWebhookEndpoint(ctx: OperationArgs): Promise<Outcome<{ id: string }>> {
  const { actor, ip } = ctx;
  assertCan(actor, 'manage:webhooks');
  const data = parseInput(createWebhookEndpointSchema, ctx.input);
  const url = checkedUrl(data.url);
  return dbOf(ctx).$transaction(async (tx) => {
    const endpoint = await tx.webhookEndpoint.create({
      data: {
        url,
        description: data.description,
        events: data.events,
        enabled: data.enabled,
        secret: generateWebhookSecret(),
        createdById: actor.id,
      },
    });
    const change = await recordChange(tx, {
      actor,
      ip,
      action: 'webhook.created',
      targetType: 'WebhookEndpoint',
      targetId: endpoint.id,
      detail: { url, events: data.events },
      content: null,
    });
    return { result: { id: endpoint.id }, change };
  });
}

/**
 * Changes an endpoint's URL, events or whether it is enabled, at the version the admin saw (CONFLICT
 * otherwise). Enabling it clears the "disabled for failing" notice. Audited `webhook.updated`.
 */
export async function updateWebhookEndpoint(ctx: OperationArgs): Promise<Outcome<{ id: string; version: number }>> {
  const { actor, ip } = ctx;
  assertCan(actor, 'manage:webhooks');
  const data = parseInput(updateWebhookEndpointSchema, ctx.input);
  const url = checkedUrl(data.url);
  return dbOf(ctx).$transaction(async (tx) => {
    const endpoint = await loadEndpointOrThrow(tx, data.endpointId);
    const reenabled = data.enabled && !endpoint.enabled;
    const { count } = await tx.webhookEndpoint.updateMany({
      where: { id: endpoint.id, version: data.version },
      data: {
        url,
        description: data.description,
        events: data.events,
        enabled: data.enabled,
        ...(data.enabled ? { disabledReason: null, disabledAt: null } : {}),
        version: { increment: 1 },
      },
    });
    if (count === 0) throw new AppError('CONFLICT');
    const change = await recordChange(tx, {
      actor,
      ip,
      action: 'webhook.updated',
      targetType: 'WebhookEndpoint',
      targetId: endpoint.id,
      detail: { url, events: data.events, enabled: data.enabled, reenabled },
      content: null,
    });
    return { result: { id: endpoint.id, version: data.version + 1 }, change };
  });
}

/** Deletes an endpoint with its delivery log; nothing more is sent to it. Audited `webhook.deleted`. */
export async function deleteWebhookEndpoint(ctx: OperationArgs): Promise<Outcome<{ id: string }>> {
  const { actor, ip } = ctx;
  assertCan(actor, 'manage:webhooks');
  const { endpointId } = parseInput(webhookEndpointRefSchema, ctx.input);
  return dbOf(ctx).$transaction(async (tx) => {
    const endpoint = await loadEndpointOrThrow(tx, endpointId);
    await tx.webhookEndpoint.delete({ where: { id: endpoint.id } });
    const change = await recordChange(tx, {
      actor,
      ip,
      action: 'webhook.deleted',
      targetType: 'WebhookEndpoint',
      targetId: endpoint.id,
      detail: { url: endpoint.url },
      content: null,
    });
    return { result: { id: endpoint.id }, change };
  });
}

type AttemptToQueue = { deliveryId: string; at?: Date } & ({ number: number; replayId?: undefined } | { number?: undefined; replayId: string });

/**
 * Queues attempts of deliveries in the caller's transaction, in one insert. A scheduled attempt is keyed
 * by its place in the retry schedule (`number`), so queueing it twice queues it once; a replay is keyed
 * by its own id, as each replay an admin asks for is one more attempt.
 */
export async function enqueueAttempts(tx: Tx, attempts: readonly AttemptToQueue[]) {
  if (attempts.length === 0) return;
  const boss = await getBoss();
  const jobs = attempts.map((job) => ({
    id: job.replayId
      ? derivedJobId(QUEUE_NAMES.webhookAttempt, job.deliveryId, 'replay', job.replayId)
      : derivedJobId(QUEUE_NAMES.webhookAttempt, job.deliveryId, job.number!),
    name: QUEUE_NAMES.webhookAttempt,
    data: (job.replayId
      ? { deliveryId: job.deliveryId, replay: true }
      : { deliveryId: job.deliveryId, number: job.number!, replay: false }) satisfies AttemptJob,
    startAfter: job.at?.toISOString(),
  }));
  await boss.insert(jobs, { db: transactionDb(tx) });
}

/** The data of a `webhook.attempt` job: scheduled attempt `number`, or a replay. */
export type AttemptJob = { deliveryId: string; number: number; replay: false } | { deliveryId: string; replay: true };

/**
 * Sends a delivery once more, now, with the same `webhook-id` and payload (a receiver that lost it, an
 * endpoint fixed after its deliveries died). One attempt, not a new retry schedule; a success marks the
 * delivery delivered. Works on a disabled endpoint too (to check it before enabling it). Audited `webhook.replayed`.
 */
export async function replayWebhookDelivery(ctx: OperationArgs): Promise<Outcome<{ id: string }>> {
  const { actor, ip } = ctx;
  assertCan(actor, 'manage:webhooks');
  const { deliveryId } = parseInput(webhookDeliveryRefSchema, ctx.input);
  // Started before the transaction: a first start creates pg-boss's schema, which has no place in it.
  await getBoss();
  return dbOf(ctx).$transaction(async (tx) => {
    const delivery = await tx.webhookDelivery.findUnique({ where: { id: deliveryId }, select: { id: true, messageId: true } });
    if (!delivery) throw new AppError('NOT_FOUND', 'No such delivery.');
    const change = await recordChange(tx, {
      actor,
      ip,
      action: 'webhook.replayed',
      targetType: 'WebhookDelivery',
      targetId: delivery.id,
      detail: { messageId: delivery.messageId },
      content: null,
    });
    await enqueueAttempts(tx, [{ deliveryId: delivery.id, replayId: randomUUID() }]);
    return { result: { id: delivery.id }, change };
  });
}
