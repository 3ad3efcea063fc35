import 'server-only';
import { assertCan } from '@/lib/auth/permissions';
import { AppError } from '@/lib/errors';
import { dbOf, parseInput, recordChange, type OperationArgs, type Outcome } from '@/lib/operations/operation';
import { setUserDisabledSchema } from '@/lib/users/schemas';
import { assertAnotherActiveAdmin, loadUserOrThrow } from '@/lib/users/user-writes';

/**
 * Disables (ending every session) or re-enables a user (`manage:users`); audited `user.disabled` /
 * `user.enabled`. Admins cannot disable themselves, and the last active admin cannot be disabled.
 */
export async function setUserDisabled(ctx: OperationArgs): Promise<Outcome<{ id: string; disabled: boolean }>> {
  const { actor, ip } = ctx;
  assertCan(actor, 'manage:users');
  const { userId, disabled } = parseInput(setUserDisabledSchema, ctx.input);
  return dbOf(ctx).$transaction(async (tx) => {
    const user = await loadUserOrThrow(tx, userId);
    if (disabled && user.id === actor.id) throw new AppError('CONFLICT', 'You cannot disable your own account.');
    if (user.disabled === disabled) return { result: { id: user.id, disabled }, change: null };
    if (disabled && user.role === 'ADMIN') await assertAnotherActiveAdmin(tx, user.id);
    await tx.user.update({ where: { id: user.id }, data: { disabled, ...(disabled ? { sessionVersion: { increment: 1 } } : {}) } });
    const change = await recordChange(tx, { actor, ip, action: disabled ? 'user.disabled' : 'user.enabled', targetType: 'User', targetId: user.id, content: null });
    return { result: { id: user.id, disabled }, change };
  });
}
