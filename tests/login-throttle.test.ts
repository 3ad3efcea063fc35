import { afterAll, describe, expect, it } from 'vitest';
import { ACCOUNT_IP_LIMIT, ACCOUNT_LIMIT, IP_LIMIT } from '@/lib/auth/decide-login-throttle';
import { countLoginAttempt } from '@/lib/auth/login-throttle';
import { authenticateWithPassword } from '@/lib/auth/sign-in';
import { seedUser, uniqueSuffix } from '../prisma/seed/factories';
import { testDb } from './support/db';

const db = testDb(10);
afterAll(() => db.$disconnect());

/** Runs `total` tasks with at most `parallel` in flight. */
async function inParallel<T>(total: number, parallel: number, task: (i: number) => Promise<T>): Promise<T[]> {
  const results: T[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (next < total) {
        const i = next++;
        results[i] = await task(i);
      }
    }),
  );
  return results;
}

const passwordChecks = (email: string) =>
  db.auditEvent.count({ where: { actorEmail: email, action: { in: ['auth.sign_in', 'auth.sign_in_failed'] } } });

describe('login throttling', () => {
  it('lets at most 5 passwords be checked per account and IP when 1,000 wrong guesses arrive 10 at a time', async () => {
    const user = await seedUser(db, { password: 'the right password here' });
    const ip = `198.51.100.${Math.floor(Math.random() * 200)}`;
    // One clock for the whole test: a run that straddles the end of a 15-minute window would otherwise count in two.
    const now = new Date();
    const results = await inParallel(1000, 10, () =>
      authenticateWithPassword(db, { email: user.email, password: 'a wrong guess, again', ip, now }),
    );
    expect(results.filter((r) => !r.ok && r.reason === 'invalid')).toHaveLength(ACCOUNT_IP_LIMIT);
    expect(results.filter((r) => !r.ok && r.reason === 'throttled')).toHaveLength(1000 - ACCOUNT_IP_LIMIT);
    const checked = await passwordChecks(user.email);
    expect(checked).toBe(ACCOUNT_IP_LIMIT);
    const throttled = results.filter((r) => !r.ok && r.reason === 'throttled');
    console.log(
      `[figure] login throttling: ${results.length} wrong passwords at 10 in parallel, ${checked} password checks, ${throttled.length} refused as throttled (with Retry-After: ${throttled.every((r) => !r.ok && r.reason === 'throttled' && r.retryAfterSeconds > 0)})`,
    );
    // One audit row for the refusals, not 995.
    expect(await db.auditEvent.count({ where: { actorEmail: user.email, action: 'auth.sign_in_throttled' } })).toBe(1);

    // The right password is refused too while the window lasts, without being checked…
    const refused = await authenticateWithPassword(db, { email: user.email, password: 'the right password here', ip, now });
    expect(refused).toMatchObject({ ok: false, reason: 'throttled' });
    expect(refused.ok === false && refused.reason === 'throttled' && refused.retryAfterSeconds).toBeGreaterThan(0);
    expect(await passwordChecks(user.email)).toBe(ACCOUNT_IP_LIMIT);
    // …but works from another address (the per-account+IP limit is not a lockout of the owner).
    const elsewhere = await authenticateWithPassword(db, { email: user.email, password: 'the right password here', ip: '203.0.113.77' });
    expect(elsewhere.ok).toBe(true);
  });

  it('works again for the right password once the window is over', async () => {
    const user = await seedUser(db, { password: 'the right password here' });
    const ip = '192.0.2.10';
    const now = new Date();
    await inParallel(8, 4, () => authenticateWithPassword(db, { email: user.email, password: 'wrong wrong wrong', ip, now }));
    expect(await authenticateWithPassword(db, { email: user.email, password: 'the right password here', ip, now })).toMatchObject({
      reason: 'throttled',
    });
    // Age the counters into the previous window, as 15 minutes passing would.
    await db.$executeRaw`UPDATE "LoginThrottle" SET "windowStart" = "windowStart" - interval '15 minutes' WHERE "key" LIKE ${`acct:${user.email}%`} OR "key" = ${`ip:${ip}`}`;
    expect(await authenticateWithPassword(db, { email: user.email, password: 'the right password here', ip, now })).toMatchObject({ ok: true });
  });

  it('never locks out an editor who keeps signing in with the right password', async () => {
    const user = await seedUser(db, { password: 'the right password here', role: 'EDITOR' });
    const ip = '192.0.2.20';
    for (let i = 0; i < ACCOUNT_IP_LIMIT * 3; i++) {
      expect(await authenticateWithPassword(db, { email: user.email, password: 'the right password here', ip })).toMatchObject({ ok: true });
    }
    // Successful sign-ins used up none of the allowance: no key holds a count for them.
    const counts = await db.loginThrottle.findMany({ where: { OR: [{ key: { startsWith: `acct:${user.email}` } }, { key: `ip:${ip}` }] } });
    expect(counts.filter((row) => row.count > 0)).toEqual([]);
  });

  it('clears the account+IP counter on a successful sign-in, so the next failures start from zero', async () => {
    const user = await seedUser(db, { password: 'the right password here' });
    const ip = '192.0.2.21';
    const now = new Date();
    const wrong = () => authenticateWithPassword(db, { email: user.email, password: 'wrong wrong wrong', ip, now });
    for (let i = 0; i < ACCOUNT_IP_LIMIT - 1; i++) expect(await wrong()).toEqual({ ok: false, reason: 'invalid' });
    expect(await authenticateWithPassword(db, { email: user.email, password: 'the right password here', ip, now })).toMatchObject({ ok: true });
    for (let i = 0; i < ACCOUNT_IP_LIMIT; i++) expect(await wrong()).toEqual({ ok: false, reason: 'invalid' });
    expect(await wrong()).toMatchObject({ ok: false, reason: 'throttled' });
    // 4 + 1 + 5 passwords checked, the sixth failure in a row was not.
    expect(await passwordChecks(user.email)).toBe(2 * ACCOUNT_IP_LIMIT);
  });

  it('does not let successful sign-ins of many accounts from one address use up that address', async () => {
    const users = await Promise.all(Array.from({ length: IP_LIMIT + 5 }, () => seedUser(db, { password: 'the right password here' })));
    const ip = '192.0.2.22';
    const results = await inParallel(users.length, 5, (i) => authenticateWithPassword(db, { email: users[i]!.email, password: 'the right password here', ip }));
    expect(results.filter((r) => r.ok)).toHaveLength(users.length);
    expect(await countLoginAttempt(db, { email: `someone-${uniqueSuffix()}@example.test`, ip })).toEqual({ allowed: true });
  });

  it('caps one IP across many accounts, counting atomically under parallel load', async () => {
    const ip = `10.${Math.floor(Math.random() * 250)}.0.1`;
    const now = new Date();
    const decisions = await inParallel(IP_LIMIT + 30, 10, (i) =>
      countLoginAttempt(db, { email: `someone-${i}-${uniqueSuffix()}@example.test`, ip, now }),
    );
    expect(decisions.filter((d) => d.allowed)).toHaveLength(IP_LIMIT);
  });

  it('caps password checks on one account guessed from many addresses', async () => {
    const user = await seedUser(db, { password: 'the right password here' });
    // One clock, so the guesses all fall in one window even when the test runs across a window's end.
    const now = new Date();
    await inParallel(ACCOUNT_LIMIT + 10, 10, (i) =>
      authenticateWithPassword(db, { email: user.email, password: 'wrong guess', ip: `172.16.${Math.floor(i / 250)}.${i % 250}`, now }),
    );
    expect(await passwordChecks(user.email)).toBe(ACCOUNT_LIMIT);
  });

  it('refuses over-long or malformed input without counting or checking anything', async () => {
    const result = await authenticateWithPassword(db, { email: 'x@example.test', password: 'p'.repeat(10_000), ip: '192.0.2.99' });
    expect(result).toEqual({ ok: false, reason: 'invalid' });
  });
});
