import 'server-only';
import type { Actor } from '@/lib/auth/actor';
import { can } from '@/lib/auth/permissions';
import { getDb } from '@/lib/db';
import { AppError } from '@/lib/errors';
import type { Prisma } from '@/lib/generated/prisma/client';

/** How many of each endpoint's latest deliveries the dashboard shows. */
const DELIVERIES_SHOWN = 25;

const endpointInclude = {
  deliveries: {
    orderBy: { createdAt: 'desc' },
    take: DELIVERIES_SHOWN,
    select: {
      id: true,
      event: true,
      messageId: true,
      status: true,
      attempts: true,
      lastStatus: true,
      lastError: true,
      nextAttemptAt: true,
      createdAt: true,
      attemptLog: {
        orderBy: { number: 'asc' },
        select: { number: true, replay: true, ok: true, statusCode: true, error: true, durationMs: true, createdAt: true },
      },
    },
  },
  _count: { select: { deliveries: true } },
} as const satisfies Prisma.WebhookEndpointInclude;

/**
 * Every webhook endpoint, newest first, with its latest deliveries and their attempts, for the admin's
 * webhooks page (the delivery log). Throws FORBIDDEN for anyone without `manage:webhooks`.
 */
export async function listWebhookEndpoints({ actor }: { actor: Actor }) {
  if (!can(actor, 'manage:webhooks')) throw new AppError('FORBIDDEN');
  return getDb().webhookEndpoint.findMany({ orderBy: { createdAt: 'desc' }, include: endpointInclude });
}

export type WebhookEndpointRow = Awaited<ReturnType<typeof listWebhookEndpoints>>[number];

/** One endpoint as `listWebhookEndpoints` shows it, or NOT_FOUND; FORBIDDEN without `manage:webhooks`. */
export async function getWebhookEndpoint({ actor, id }: { actor: Actor; id: string }): Promise<WebhookEndpointRow> {
  if (!can(actor, 'manage:webhooks')) throw new AppError('FORBIDDEN');
  const endpoint = await getDb().webhookEndpoint.findUnique({ where: { id }, include: endpointInclude });
  if (!endpoint) throw new AppError('NOT_FOUND', 'No such webhook endpoint.');
  return endpoint;
}

/** Endpoints disabled for failing, for the notice admins see on every dashboard page; empty for anyone else. */
export async function listFailingWebhookEndpoints({ actor }: { actor: Actor }) {
  if (!can(actor, 'manage:webhooks')) return [];
  return getDb().webhookEndpoint.findMany({
    where: { enabled: false, disabledReason: { not: null } },
    select: { id: true, url: true },
  });
}
