import 'server-only';
import type { Actor } from '@/lib/auth/actor';
import { can } from '@/lib/auth/permissions';
import { getDb } from '@/lib/db';
import { AppError } from '@/lib/errors';

/** Every user, admins first, for the admin's user list. Throws FORBIDDEN for anyone else. */
export async function listUsers({ actor }: { actor: Actor }) {
  if (!can(actor, 'manage:users')) throw new AppError('FORBIDDEN');
  return getDb().user.findMany({
    orderBy: [{ role: 'asc' }, { name: 'asc' }],
    select: { id: true, email: true, name: true, role: true, disabled: true, createdAt: true, author: { select: { id: true, name: true } } },
  });
}
