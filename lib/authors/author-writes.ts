import 'server-only';
import { AppError, INVALID_FIELDS_MESSAGE } from '@/lib/errors';
import type { Prisma } from '@/lib/generated/prisma/client';
import { assertSlugFree, isUniqueViolation, slugTakenError } from '@/lib/operations/unique-slug';

// What the author operations (lib/authors/<verb>-author.ts) share. Not operations.

const fieldError = (field: string, message: string) => new AppError('INVALID', INVALID_FIELDS_MESSAGE, { [field]: [message] });

/** Throws INVALID on the field when the slug is taken, the photo is gone or the user already has a byline. */
export async function checkAuthorReferences(
  tx: Prisma.TransactionClient,
  v: { name: string; slug: string; photoId: string | null; userId: string | null },
  exceptId?: string,
): Promise<void> {
  // A new author's clash is said at the name when the slug came from it; an edit's at the slug.
  await assertSlugFree('author', (where) => tx.author.findFirst({ where, select: { name: true } }), v.slug, exceptId, exceptId ? {} : { name: v.name });
  if (v.photoId && !(await tx.image.findUnique({ where: { id: v.photoId }, select: { id: true } }))) throw fieldError('photoId', 'That image no longer exists. Choose another.');
  if (v.userId) {
    const user = await tx.user.findUnique({ where: { id: v.userId }, select: { name: true, author: { select: { id: true, name: true } } } });
    if (!user) throw fieldError('userId', 'That user no longer exists.');
    if (user.author && user.author.id !== exceptId) throw fieldError('userId', `${user.name} is already linked to the author “${user.author.name}”.`);
  }
}

/** For `.catch` on a transaction: a unique race on the slug or the linked user lost at commit time reads like the checked case. */
export function mapAuthorRace(error: unknown): never {
  if (isUniqueViolation(error, 'userId')) throw fieldError('userId', 'That user is already linked to another author.');
  if (isUniqueViolation(error)) throw slugTakenError('author');
  throw error;
}
