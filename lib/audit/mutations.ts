import 'server-only';
import type { Actor } from '@/lib/auth/actor';
import type { Prisma } from '@/lib/generated/prisma/client';

type Tx = Prisma.TransactionClient;

/** Writes one audit row inside the caller's transaction, so the change and its record commit together. */
export async function recordAudit(
  tx: Tx,
  event: { actor: Actor | null; action: string; targetType?: string | null; targetId?: string | null; detail?: Prisma.InputJsonValue; ip?: string | null },
): Promise<void> {
  await tx.auditEvent.create({
    data: {
      actorId: event.actor?.id ?? null,
      actorEmail: event.actor?.email ?? null,
      action: event.action,
      targetType: event.targetType ?? null,
      targetId: event.targetId ?? null,
      detail: event.detail ?? undefined,
      ip: event.ip ?? null,
    },
  });
}
