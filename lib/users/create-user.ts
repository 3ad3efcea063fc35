import 'server-only';
import { isOperator, type Actor, type OperatorActor } from '@/lib/auth/actor';
import { hashPassword } from '@/lib/auth/password';
import { assertCan } from '@/lib/auth/permissions';
import { AppError } from '@/lib/errors';
import { dbOf, parseInput, recordChange, type OperationArgs, type Outcome } from '@/lib/operations/operation';
import { isUniqueViolation } from '@/lib/operations/unique-slug';
import { createUserSchema } from '@/lib/users/schemas';

/**
 * Creates a dashboard user (`manage:users`, or the server's command line); audited `user.created`.
 * CONFLICT when the email is taken.
 */
export async function createUser(
  ctx: Omit<OperationArgs, 'actor'> & { actor: Actor | OperatorActor },
): Promise<Outcome<{ id: string; email: string; name: string; role: 'ADMIN' | 'EDITOR' | 'WRITER' }>> {
  const { actor, ip } = ctx;
  if (!isOperator(actor)) assertCan(actor, 'manage:users');
  const { email, name, role, password } = parseInput(createUserSchema, ctx.input);
  const passwordHash = await hashPassword(password);
  try {
    return await dbOf(ctx).$transaction(async (tx) => {
      const user = await tx.user.create({ data: { email, name, role, passwordHash }, select: { id: true, email: true, name: true, role: true } });
      const change = await recordChange(tx, {
        actor: isOperator(actor) ? null : actor,
        ip,
        action: 'user.created',
        targetType: 'User',
        targetId: user.id,
        detail: { email, role, ...(isOperator(actor) ? { via: 'cli' } : {}) },
        content: null,
      });
      return { result: user, change };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('CONFLICT', 'A user with that email already exists.', { email: ['A user with that email already exists.'] });
    throw error;
  }
}
