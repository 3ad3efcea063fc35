import { afterAll, describe, expect, it } from 'vitest';
import type { Actor } from '@/lib/auth/actor';
import { authenticateWithPassword, loadSessionUser } from '@/lib/auth/sign-in';
import type { Role } from '@/lib/generated/prisma/enums';
import { changeUserRole } from '@/lib/users/change-user-role';
import { createUser } from '@/lib/users/create-user';
import { resetUserPassword } from '@/lib/users/reset-user-password';
import { setUserDisabled } from '@/lib/users/set-user-disabled';
import { seedUser, uniqueSuffix } from '../prisma/seed/factories';
import { testDb } from './support/db';

const db = testDb(4);
afterAll(() => db.$disconnect());

async function actorOf(role: Role): Promise<Actor> {
  const u = await seedUser(db, { role });
  return { id: u.id, name: u.name, email: u.email, role: u.role };
}

describe('user management', () => {
  it.each(['WRITER', 'EDITOR'] as const)('refuses every user mutation to a %s, changing nothing', async (role) => {
    const actor = await actorOf(role);
    const target = await seedUser(db);
    await expect(createUser({ db, actor, input: { email: `x-${uniqueSuffix()}@example.test`, name: 'X', role: 'ADMIN', password: 'long enough password' } })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(changeUserRole({ db, actor, input: { userId: actor.id, role: 'ADMIN' } })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(setUserDisabled({ db, actor, input: { userId: target.id, disabled: true } })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(resetUserPassword({ db, actor, input: { userId: target.id, password: 'long enough password' } })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await db.user.findUniqueOrThrow({ where: { id: actor.id } })).toMatchObject({ role });
    expect(await db.user.findUniqueOrThrow({ where: { id: target.id } })).toMatchObject({ disabled: false, sessionVersion: 0 });
  });

  it('lets an admin create a user, audited, and refuses a duplicate email or a short password', async () => {
    const admin = await actorOf('ADMIN');
    const email = `new-${uniqueSuffix()}@example.test`;
    const user = (await createUser({ db, actor: admin, ip: '192.0.2.1', input: { email: email.toUpperCase(), name: 'New Person', role: 'EDITOR', password: 'a long enough password' } })).result;
    expect(user.email).toBe(email);
    expect(await db.auditEvent.count({ where: { action: 'user.created', targetId: user.id, actorId: admin.id, ip: '192.0.2.1' } })).toBe(1);
    await expect(createUser({ db, actor: admin, input: { email, name: 'Dup', role: 'WRITER', password: 'a long enough password' } })).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(createUser({ db, actor: admin, input: { email: `s-${email}`, name: 'S', role: 'WRITER', password: 'short' } })).rejects.toMatchObject({ code: 'INVALID', fieldErrors: { password: [expect.any(String)] } });
    await expect(createUser({ db, actor: admin, input: { email: `r-${email}`, name: 'R', role: 'SUPERUSER', password: 'a long enough password' } })).rejects.toMatchObject({ code: 'INVALID' });
  });

  it('ends sessions on role change, disable and password reset', async () => {
    const admin = await actorOf('ADMIN');
    const target = await seedUser(db, { role: 'WRITER' });
    const session = { userId: target.id, sessionVersion: target.sessionVersion };
    expect(await loadSessionUser(db, session)).not.toBeNull();
    await changeUserRole({ db, actor: admin, input: { userId: target.id, role: 'EDITOR' } });
    expect(await loadSessionUser(db, session)).toBeNull();

    const v1 = (await db.user.findUniqueOrThrow({ where: { id: target.id } })).sessionVersion;
    await resetUserPassword({ db, actor: admin, input: { userId: target.id, password: 'a brand new password' } });
    expect(await loadSessionUser(db, { userId: target.id, sessionVersion: v1 })).toBeNull();
    expect(await authenticateWithPassword(db, { email: target.email, password: 'a brand new password', ip: '192.0.2.200' })).toMatchObject({ ok: true });

    const v2 = (await db.user.findUniqueOrThrow({ where: { id: target.id } })).sessionVersion;
    await setUserDisabled({ db, actor: admin, input: { userId: target.id, disabled: true } });
    expect(await loadSessionUser(db, { userId: target.id, sessionVersion: v2 })).toBeNull();
    expect(await authenticateWithPassword(db, { email: target.email, password: 'a brand new password', ip: '192.0.2.201' })).toMatchObject({ ok: false, reason: 'invalid' });
    const actions = (await db.auditEvent.findMany({ where: { targetId: target.id, actorId: admin.id }, select: { action: true } })).map((a) => a.action).sort();
    expect(actions).toEqual(['user.disabled', 'user.password_reset', 'user.role_changed']);
  });

  it('never leaves the newsroom without an active admin, and an admin cannot disable themselves', async () => {
    await db.user.updateMany({ where: { role: 'ADMIN' }, data: { disabled: true } });
    const admin = await actorOf('ADMIN');
    await expect(changeUserRole({ db, actor: admin, input: { userId: admin.id, role: 'WRITER' } })).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(setUserDisabled({ db, actor: admin, input: { userId: admin.id, disabled: true } })).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('two admins demoting or disabling each other at the same moment leave one admin, never none (ten rounds)', async () => {
    for (let round = 0; round < 10; round++) {
      await db.user.updateMany({ where: { role: 'ADMIN', disabled: false }, data: { disabled: true } });
      const a = await actorOf('ADMIN');
      const b = await actorOf('ADMIN');
      const outcomes = await Promise.allSettled([
        changeUserRole({ db, actor: a, input: { userId: b.id, role: 'EDITOR' } }),
        round % 2 === 0 ? changeUserRole({ db, actor: b, input: { userId: a.id, role: 'WRITER' } }) : setUserDisabled({ db, actor: b, input: { userId: a.id, disabled: true } }),
      ]);
      const refused = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
      expect(refused.map((o) => (o.reason as { code?: string }).code)).toEqual(['CONFLICT']);
      expect(await db.user.count({ where: { role: 'ADMIN', disabled: false } })).toBe(1);
    }
  }, 60_000);
});
