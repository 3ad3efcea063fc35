import 'server-only';
import { z } from 'zod';
import type { Actor } from '@/lib/auth/actor';
import { can } from '@/lib/auth/permissions';
import { getDb } from '@/lib/db';
import type { Prisma } from '@/lib/generated/prisma/client';
import { AppError } from '@/lib/errors';
import { isStorableText } from '@/lib/text/storable-text';

export const AUDIT_PAGE_SIZE = 50;

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional().catch(undefined);
/** Filters from the query string; anything malformed is ignored rather than failing the page. */
export const auditFilterSchema = z.object({
  action: z.string().max(80).regex(/^[a-z_.]*$/).optional().catch(undefined),
  actor: z.string().max(320).refine(isStorableText).optional().catch(undefined),
  from: day,
  to: day,
  page: z.coerce.number().int().min(1).max(10_000).optional().catch(undefined),
});
export type AuditFilter = z.infer<typeof auditFilterSchema>;

/** One page of audit events, newest first, filtered by action, actor email and date (UTC days, inclusive). Admins only. */
export async function listAuditEvents({ actor, filter }: { actor: Actor; filter: AuditFilter }) {
  if (!can(actor, 'read:audit-log')) throw new AppError('FORBIDDEN');
  const where: Prisma.AuditEventWhereInput = {};
  if (filter.action) where.action = filter.action;
  if (filter.actor) where.actorEmail = { contains: filter.actor.trim().toLowerCase(), mode: 'insensitive' };
  if (filter.from || filter.to) {
    where.createdAt = {
      ...(filter.from ? { gte: new Date(`${filter.from}T00:00:00Z`) } : {}),
      ...(filter.to ? { lt: new Date(new Date(`${filter.to}T00:00:00Z`).getTime() + 86_400_000) } : {}),
    };
  }
  const page = filter.page ?? 1;
  const db = getDb();
  const [events, total, actions] = await Promise.all([
    db.auditEvent.findMany({
      where,
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      skip: (page - 1) * AUDIT_PAGE_SIZE,
      take: AUDIT_PAGE_SIZE,
      select: { id: true, action: true, actorEmail: true, targetType: true, targetId: true, detail: true, ip: true, createdAt: true, actor: { select: { name: true } } },
    }),
    db.auditEvent.count({ where }),
    db.auditEvent.findMany({ distinct: ['action'], select: { action: true }, orderBy: { action: 'asc' } }),
  ]);
  return { events, total, page, pageCount: Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE)), actions: actions.map((a) => a.action) };
}

/**
 * Who last changed a row and when, from its newest audit event ("Ada Lovelace at Fri, 27 Nov 2026
 * 21:00:00 GMT"), or null when there is none: for the conflict message of a stale save.
 */
export async function describeLastChange(tx: Pick<Prisma.TransactionClient, 'auditEvent'>, target: { targetType: string; targetId: string }): Promise<string | null> {
  const last = await tx.auditEvent.findFirst({
    where: target,
    orderBy: { createdAt: 'desc' },
    select: { createdAt: true, actorEmail: true, actor: { select: { name: true } } },
  });
  if (!last) return null;
  return `${last.actor?.name ?? last.actorEmail ?? 'Someone'} at ${last.createdAt.toUTCString()}`;
}

/**
 * The CONFLICT for a save based on an old version: names who changed `label` last and when, and says that
 * nothing was saved. Never a silent overwrite.
 */
export async function staleVersionError(tx: Pick<Prisma.TransactionClient, 'auditEvent'>, target: { targetType: string; targetId: string; label: string }): Promise<AppError> {
  const last = await describeLastChange(tx, { targetType: target.targetType, targetId: target.targetId });
  const who = last ? ` ${last} changed ${target.label}` : ` Someone changed ${target.label}`;
  return new AppError('CONFLICT', `${who.trim()} after you opened it, so your changes were not saved. Reload the page to see the current version, then make your change again.`);
}
