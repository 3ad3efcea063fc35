import 'server-only';
import type { Actor } from '@/lib/auth/actor';
import { can } from '@/lib/auth/permissions';
import { getDb } from '@/lib/db';
import { AppError } from '@/lib/errors';

/** Every person who signs in (not integrations: /dashboard/integrations), admins first, for the admin's user list. Throws FORBIDDEN for anyone else. */
export async function listUsers({ actor }: { actor: Actor }) {
  if (!can(actor, 'manage:users')) throw new AppError('FORBIDDEN');
  return getDb().user.findMany({
    where: { kind: 'PERSON' },
    orderBy: [{ role: 'asc' }, { name: 'asc' }],
    select: { id: true, email: true, name: true, role: true, disabled: true, createdAt: true, author: { select: { id: true, name: true } } },
  });
}
