import 'server-only';
import { AppError } from '@/lib/errors';
import type { Prisma } from '@/lib/generated/prisma/client';
import { userIdSchema } from '@/lib/users/schemas';

// What the user operations (lib/users/<verb>-user….ts) share. Not operations.

type Tx = Prisma.TransactionClient;

/** Loads the target person (not an integration's user) inside the transaction, or NOT_FOUND. */
export async function loadUserOrThrow(tx: Tx, userId: unknown) {
  const id = userIdSchema.safeParse(userId);
  if (!id.success) throw new AppError('NOT_FOUND', 'No such user.');
  const user = await tx.user.findUnique({ where: { id: id.data } });
  // An integration's own user is managed on /dashboard/integrations, never as a person.
  if (!user || user.kind !== 'PERSON') throw new AppError('NOT_FOUND', 'No such user.');
  return user;
}

/** Any fixed key: every change that may remove an active admin takes this lock first. */
const ADMIN_CHANGES_LOCK = 7_262_001;

/**
 * Refuses a change that would leave no active admin. It first takes a transaction-scoped advisory lock
 * that every such change takes, so two admins demoting or disabling each other at the same moment run
 * one after the other: the second sees the first's commit and is refused (no write skew under READ
 * COMMITTED).
 */
export async function assertAnotherActiveAdmin(tx: Tx, exceptId: string): Promise<void> {
  await tx.$queryRaw`SELECT pg_advisory_xact_lock(${ADMIN_CHANGES_LOCK})::text`;
  const others = await tx.user.count({ where: { role: 'ADMIN', disabled: false, kind: 'PERSON', id: { not: exceptId } } });
  if (others === 0) throw new AppError('CONFLICT', 'This is the last active administrator: make someone else an administrator first.');
}
