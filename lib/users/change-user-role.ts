import 'server-only';
import { assertCan } from '@/lib/auth/permissions';
import type { Role } from '@/lib/generated/prisma/enums';
import { dbOf, parseInput, recordChange, type OperationArgs, type Outcome } from '@/lib/operations/operation';
import { changeUserRoleSchema } from '@/lib/users/schemas';
import { assertAnotherActiveAdmin, loadUserOrThrow } from '@/lib/users/user-writes';

/**
 * Changes a user's role (`manage:users`); ends their sessions (sessionVersion + 1); audited
 * `user.role_changed`. Never leaves the site without an active admin, even when two admins demote each
 * other at once.
 */
export async function changeUserRole(ctx: OperationArgs): Promise<Outcome<{ id: string; role: Role }>> {
  const { actor, ip } = ctx;
  assertCan(actor, 'manage:users');
  const { userId, role } = parseInput(changeUserRoleSchema, ctx.input);
  return dbOf(ctx).$transaction(async (tx) => {
    const user = await loadUserOrThrow(tx, userId);
    if (user.role === role) return { result: { id: user.id, role }, change: null };
    if (user.role === 'ADMIN') await assertAnotherActiveAdmin(tx, user.id);
    await tx.user.update({ where: { id: user.id }, data: { role, sessionVersion: { increment: 1 } } });
    const change = await recordChange(tx, { actor, ip, action: 'user.role_changed', targetType: 'User', targetId: user.id, detail: { from: user.role, to: role }, content: null });
    return { result: { id: user.id, role }, change };
  });
}
