import 'server-only';
import type { Actor } from '@/lib/auth/actor';
import type { Prisma } from '@/lib/generated/prisma/client';

/** A Prisma client or the transaction client of the caller's `$transaction`. */
export type AuditWriter = Pick<Prisma.TransactionClient, 'auditEvent'>;

export type AuditInput = {
  /** The signed-in user, or null (e.g. a failed sign-in). */
  actor: Pick<Actor, 'id' | 'email'> | null;
  /** Dotted verb, e.g. `auth.sign_in`, `user.role_changed`, `section.renamed`. */
  action: string;
  targetType?: string | null;
  targetId?: string | null;
  detail?: Prisma.InputJsonValue | null;
  ip?: string | null;
  /** For events without a user row (failed sign-in with an unknown email). */
  actorEmail?: string | null;
};

/**
 * Writes one audit row with the caller's transaction client, so the row exists exactly when the change
 * it describes was committed. Returns the row's id.
 */
export async function recordAudit(tx: AuditWriter, input: AuditInput): Promise<string> {
  const { id } = await tx.auditEvent.create({
    data: {
      actorId: input.actor?.id ?? null,
      actorEmail: input.actor?.email ?? input.actorEmail ?? null,
      action: input.action,
      targetType: input.targetType ?? null,
      targetId: input.targetId ?? null,
      detail: input.detail ?? undefined,
      ip: input.ip ?? null,
    },
    select: { id: true },
  });
  return id;
}
