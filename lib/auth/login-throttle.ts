import 'server-only';
import type { Db } from '@/lib/db';
import { decideLoginThrottle, decideSignInRefund, THROTTLE_WINDOW_MS, throttleKeys, throttleWindowStart } from '@/lib/auth/decide-login-throttle';

/**
 * Counts one sign-in attempt under its account+IP, IP and account keys and decides whether its password may be
 * checked. Call it BEFORE checking the password, and `refundLoginAttempt` with the same `now` when it was right. The count is one atomic statement
 * (INSERT … ON CONFLICT DO UPDATE … RETURNING), so parallel guesses each get a distinct count and
 * cannot slip past the limit between a read and a write.
 */
export async function countLoginAttempt(db: Db, { email, ip, now = new Date() }: { email: string; ip: string | null; now?: Date }) {
  const keys = throttleKeys({ email, ip });
  const windowStart = throttleWindowStart(now);
  const bump = async (list: string[]) => {
    const rows = await db.$queryRaw<{ key: string; count: number }[]>`
      INSERT INTO "LoginThrottle" ("key", "windowStart", "count")
      SELECT k, ${windowStart}, 1 FROM unnest(${list}::text[]) AS k
      ON CONFLICT ("key", "windowStart") DO UPDATE SET "count" = "LoginThrottle"."count" + 1
      RETURNING "key", "count"`;
    return (key: string) => Number(rows.find((r) => r.key === key)?.count ?? Number.MAX_SAFE_INTEGER);
  };
  const first = await bump([keys.accountIp, keys.ip]);
  const local = decideLoginThrottle({ accountIpCount: first(keys.accountIp), ipCount: first(keys.ip), now });
  // Now and then, forget windows that ended more than a day ago.
  if (Math.random() < 0.02) {
    await db.loginThrottle.deleteMany({ where: { windowStart: { lt: new Date(now.getTime() - 24 * 60 * 60 * 1000 - THROTTLE_WINDOW_MS) } } });
  }
  if (!local.allowed) return local;
  // The per-account backstop counts only attempts that would reach the password check, so guesses
  // refused per IP cannot lock the owner out; locking it takes many addresses.
  const second = await bump([keys.account]);
  return decideLoginThrottle({ accountIpCount: first(keys.accountIp), ipCount: first(keys.ip), accountCount: second(keys.account), now });
}

/**
 * Undoes `countLoginAttempt` for an attempt whose password was right (only failures count): the IP and
 * account keys get their attempt back in the window it was counted in, and the account+IP counter is
 * cleared. Call it only after the password check succeeded, with the `now` the attempt was counted at.
 */
export async function refundLoginAttempt(db: Db, { email, ip, now }: { email: string; ip: string | null; now: Date }) {
  const { reset, giveBack } = decideSignInRefund(throttleKeys({ email, ip }));
  await db.$transaction([
    db.loginThrottle.deleteMany({ where: { key: { in: reset } } }),
    db.$executeRaw`
      UPDATE "LoginThrottle" SET "count" = GREATEST("count" - 1, 0)
      WHERE "key" = ANY(${giveBack}::text[]) AND "windowStart" = ${throttleWindowStart(now)}`,
  ]);
}
