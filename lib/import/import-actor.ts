import 'server-only';
import type { Actor } from '@/lib/auth/actor';
import type { Db } from '@/lib/db';
import { unusablePasswordHash } from '@/lib/integrations/integration-writes';
import type { SourceName } from '@/lib/import/source-model';
import { recordChange } from '@/lib/operations/operation';

const NAMES: Record<SourceName, string> = { wordpress: 'WordPress import', ghost: 'Ghost import' };

/** The email of an import's own user row: on a reserved domain (RFC 2606), so no mail ever goes there. */
export const importUserEmail = (source: SourceName) => `${source}-import@integrations.masthead.invalid`;


/**
 * The actor an import runs as: its own User row of kind INTEGRATION ("WordPress import", role ADMIN),
 * created on the first run (audited `import.user_created`), so revisions, `createdById`, uploads and
 * audit rows name it. It can never sign in (lib/auth/sign-in.ts refuses integration users, and no
 * password matches) and is not listed or counted among people. Refuses a disabled import user, or a
 * person who holds its address. With `create: false` (a dry run) it only looks, and answers a stand-in
 * actor when the row does not exist yet.
 */
export async function ensureImportActor(db: Db, source: SourceName, { create = true }: { create?: boolean } = {}): Promise<Actor> {
  const email = importUserEmail(source);
  const name = NAMES[source];
  const existing = await db.user.findUnique({
    where: { email },
    select: { id: true, name: true, email: true, role: true, kind: true, disabled: true },
  });
  if (existing) {
    if (existing.kind !== 'INTEGRATION')
      throw new Error(`The address ${email} belongs to a person, not to the ${name} user. Nothing was imported.`);
    if (existing.disabled)
      throw new Error(`The ${name} user is disabled: enable it in the dashboard to import again. Nothing was imported.`);
    return { id: existing.id, name: existing.name, email: existing.email, role: existing.role };
  }
  if (!create) return { id: 'dry-run', name, email, role: 'ADMIN' };
  return db.$transaction(async (tx) => {
    const user = await tx.user.create({
      data: { email, name, passwordHash: unusablePasswordHash(), role: 'ADMIN', kind: 'INTEGRATION' },
      select: { id: true, name: true, email: true, role: true },
    });
    await recordChange(tx, {
      actor: null,
      action: 'import.user_created',
      targetType: 'User',
      targetId: user.id,
      detail: { name, source, via: 'cli' },
      content: null,
    });
    return user;
  });
}
