import 'server-only';
import { hashPassword } from '@/lib/auth/password';
import { assertCan } from '@/lib/auth/permissions';
import { dbOf, parseInput, recordChange, type OperationArgs, type Outcome } from '@/lib/operations/operation';
import { resetUserPasswordSchema } from '@/lib/users/schemas';
import { loadUserOrThrow } from '@/lib/users/user-writes';

/** Sets a new password (`manage:users`); ends the user's sessions; audited `user.password_reset` (never the password). */
export async function resetUserPassword(ctx: OperationArgs): Promise<Outcome<{ id: string }>> {
  const { actor, ip } = ctx;
  assertCan(actor, 'manage:users');
  const { userId, password } = parseInput(resetUserPasswordSchema, ctx.input);
  const passwordHash = await hashPassword(password);
  return dbOf(ctx).$transaction(async (tx) => {
    const user = await loadUserOrThrow(tx, userId);
    await tx.user.update({ where: { id: user.id }, data: { passwordHash, sessionVersion: { increment: 1 } } });
    const change = await recordChange(tx, { actor, ip, action: 'user.password_reset', targetType: 'User', targetId: user.id, content: null });
    return { result: { id: user.id }, change };
  });
}
