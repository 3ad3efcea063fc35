import 'server-only';
import { z } from 'zod';
import { recordAudit } from '@/lib/audit/mutations';
import { countLoginAttempt, refundLoginAttempt } from '@/lib/auth/login-throttle';
import { hashPassword, MAX_PASSWORD_LENGTH, verifyPassword } from '@/lib/auth/password';
import type { Db } from '@/lib/db';
import type { Role } from '@/lib/generated/prisma/enums';

export const signInSchema = z.strictObject({
  email: z.string().trim().toLowerCase().min(3).max(320),
  password: z.string().min(1).max(MAX_PASSWORD_LENGTH),
});

export type SignedInUser = { id: string; name: string; email: string; role: Role; sessionVersion: number };

export type SignInResult =
  | { ok: true; user: SignedInUser }
  | { ok: false; reason: 'invalid' }
  | { ok: false; reason: 'throttled'; retryAfterSeconds: number };

let dummyHash: Promise<string> | undefined;

/**
 * Checks an email and password. Unknown email, wrong password and disabled account all answer
 * `invalid` after the same argon2 work (no user enumeration, by message or by timing). Every outcome is
 * audited with the IP: `auth.sign_in` or `auth.sign_in_failed` (detail.reason says why, for admins only).
 * Attempts are throttled first (lib/auth/login-throttle.ts): over the limit the answer is `throttled`
 * and the password is not checked. Only failures use up the allowance: a successful sign-in gives its
 * attempt back and clears the account+IP counter, so an editor who signs in often is never locked out.
 */
export async function authenticateWithPassword(
  db: Db,
  { email: rawEmail, password: rawPassword, ip, now = new Date() }: { email: unknown; password: unknown; ip: string | null; now?: Date },
): Promise<SignInResult> {
  const parsed = signInSchema.safeParse({ email: rawEmail, password: rawPassword });
  if (!parsed.success) return { ok: false, reason: 'invalid' };
  const { email, password } = parsed.data;

  // Counted before the password is checked: over the limit, the password is never looked at.
  const throttle = await countLoginAttempt(db, { email, ip, now });
  if (!throttle.allowed) {
    if (throttle.firstRefusal) {
      await recordAudit(db, { actor: null, actorEmail: email, action: 'auth.sign_in_throttled', detail: { retryAfterSeconds: throttle.retryAfterSeconds }, ip });
    }
    return { ok: false, reason: 'throttled', retryAfterSeconds: throttle.retryAfterSeconds };
  }

  const user = await db.user.findUnique({ where: { email } });
  dummyHash ??= hashPassword('masthead-timing-equaliser');
  const passwordOk = await verifyPassword(user?.passwordHash ?? (await dummyHash), password);

  if (!user || !passwordOk || user.disabled || user.kind !== 'PERSON') {
    const reason = !user ? 'unknown_email' : user.kind !== 'PERSON' ? 'integration' : !passwordOk ? 'wrong_password' : 'disabled';
    await recordAudit(db, {
      actor: user ? { id: user.id, email: user.email } : null,
      actorEmail: email,
      action: 'auth.sign_in_failed',
      targetType: 'User',
      targetId: user?.id ?? null,
      detail: { reason },
      ip,
    });
    return { ok: false, reason: 'invalid' };
  }

  await refundLoginAttempt(db, { email, ip, now });
  await recordAudit(db, { actor: user, action: 'auth.sign_in', targetType: 'User', targetId: user.id, ip });
  return { ok: true, user: { id: user.id, name: user.name, email: user.email, role: user.role, sessionVersion: user.sessionVersion } };
}

/**
 * The user behind a session token, or null when the session is dead: the user was deleted or
 * disabled, or their sessionVersion moved on (password, role change, disable, "sign out everywhere").
 */
export async function loadSessionUser(db: Db, { userId, sessionVersion }: { userId: string; sessionVersion: number }): Promise<SignedInUser | null> {
  const user = await db.user.findUnique({
    where: { id: userId },
    select: { id: true, name: true, email: true, role: true, sessionVersion: true, disabled: true, kind: true },
  });
  if (!user || user.disabled || user.kind !== 'PERSON' || user.sessionVersion !== sessionVersion) return null;
  return { id: user.id, name: user.name, email: user.email, role: user.role, sessionVersion: user.sessionVersion };
}
