import 'server-only';
import { recordAudit } from '@/lib/audit/mutations';
import type { Actor } from '@/lib/auth/actor';
import { hashPassword } from '@/lib/auth/password';
import { can } from '@/lib/auth/permissions';
import type { Db } from '@/lib/db';
import { Prisma } from '@/lib/generated/prisma/client';
import type { Role } from '@/lib/generated/prisma/enums';
import { AppError } from '@/lib/errors';
import { createUserSchema, passwordSchema, roleSchema, userIdSchema } from '@/lib/users/schemas';

type Ctx = { db: Db; actor: Actor; ip?: string | null };

function assertAdmin(actor: Actor): void {
  if (!can(actor, 'manage:users')) throw new AppError('FORBIDDEN');
}

function invalid(error: { issues: { path: PropertyKey[]; message: string }[] }): AppError {
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of error.issues) (fieldErrors[String(issue.path[0] ?? 'form')] ??= []).push(issue.message);
  return new AppError('INVALID', 'Please correct the highlighted fields.', fieldErrors);
}

/** Creates a user (admins only); audited as `user.created`. CONFLICT when the email is taken. */
export async function createUserAccount({ db, actor, ip, input }: Ctx & { input: unknown }) {
  assertAdmin(actor);
  const parsed = createUserSchema.safeParse(input);
  if (!parsed.success) throw invalid(parsed.error);
  const { email, name, role, password } = parsed.data;
  const passwordHash = await hashPassword(password);
  try {
    return await db.$transaction(async (tx) => {
      const user = await tx.user.create({ data: { email, name, role, passwordHash }, select: { id: true, email: true, role: true } });
      await recordAudit(tx, { actor, action: 'user.created', targetType: 'User', targetId: user.id, detail: { email, role }, ip });
      return user;
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') {
      throw new AppError('CONFLICT', 'A user with that email already exists.', { email: ['A user with that email already exists.'] });
    }
    throw error;
  }
}

/** Loads the target inside the transaction and refuses changes that would leave no active admin. */
async function loadTarget(tx: Prisma.TransactionClient, userId: unknown) {
  const id = userIdSchema.safeParse(userId);
  if (!id.success) throw new AppError('NOT_FOUND', 'No such user.');
  const user = await tx.user.findUnique({ where: { id: id.data } });
  if (!user) throw new AppError('NOT_FOUND', 'No such user.');
  return user;
}

async function assertAnotherActiveAdmin(tx: Prisma.TransactionClient, exceptId: string): Promise<void> {
  const others = await tx.user.count({ where: { role: 'ADMIN', disabled: false, id: { not: exceptId } } });
  if (others === 0) throw new AppError('CONFLICT', 'This is the last active administrator: make someone else an administrator first.');
}

/** Changes a user's role (admins only); ends their sessions (sessionVersion + 1); audited `user.role_changed`. */
export async function changeUserRole({ db, actor, ip, userId, role }: Ctx & { userId: unknown; role: unknown }) {
  assertAdmin(actor);
  const parsedRole = roleSchema.safeParse(role);
  if (!parsedRole.success) throw invalid(parsedRole.error);
  const newRole: Role = parsedRole.data;
  return db.$transaction(async (tx) => {
    const user = await loadTarget(tx, userId);
    if (user.role === newRole) return user;
    if (user.role === 'ADMIN') await assertAnotherActiveAdmin(tx, user.id);
    const updated = await tx.user.update({ where: { id: user.id }, data: { role: newRole, sessionVersion: { increment: 1 } } });
    await recordAudit(tx, { actor, action: 'user.role_changed', targetType: 'User', targetId: user.id, detail: { from: user.role, to: newRole }, ip });
    return updated;
  });
}

/** Disables (ending every session) or re-enables a user (admins only); audited. Admins cannot disable themselves. */
export async function setUserDisabled({ db, actor, ip, userId, disabled }: Ctx & { userId: unknown; disabled: boolean }) {
  assertAdmin(actor);
  return db.$transaction(async (tx) => {
    const user = await loadTarget(tx, userId);
    if (disabled && user.id === actor.id) throw new AppError('CONFLICT', 'You cannot disable your own account.');
    if (user.disabled === disabled) return user;
    if (disabled && user.role === 'ADMIN') await assertAnotherActiveAdmin(tx, user.id);
    const updated = await tx.user.update({
      where: { id: user.id },
      data: { disabled, ...(disabled ? { sessionVersion: { increment: 1 } } : {}) },
    });
    await recordAudit(tx, { actor, action: disabled ? 'user.disabled' : 'user.enabled', targetType: 'User', targetId: user.id, ip });
    return updated;
  });
}

/** Sets a new password (admins only); ends the user's sessions; audited `user.password_reset` (never the password). */
export async function resetUserPassword({ db, actor, ip, userId, password }: Ctx & { userId: unknown; password: unknown }) {
  assertAdmin(actor);
  const parsed = passwordSchema.safeParse(password);
  if (!parsed.success) throw new AppError('INVALID', parsed.error.issues[0]?.message ?? 'Invalid password.', { password: parsed.error.issues.map((i) => i.message) });
  const passwordHash = await hashPassword(parsed.data);
  return db.$transaction(async (tx) => {
    const user = await loadTarget(tx, userId);
    await tx.user.update({ where: { id: user.id }, data: { passwordHash, sessionVersion: { increment: 1 } } });
    await recordAudit(tx, { actor, action: 'user.password_reset', targetType: 'User', targetId: user.id, ip });
    return { id: user.id };
  });
}
