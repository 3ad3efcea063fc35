import 'server-only';
import { AppError, INVALID_FIELDS_MESSAGE } from '@/lib/errors';
import { Prisma } from '@/lib/generated/prisma/client';
import { slugify } from '@/lib/text/slug';

/** A record kind whose slug is unique: how the messages name it. */
export type SlugOwner = 'section' | 'campaign' | 'author' | 'page';

/** INVALID on `slug`, naming the record that already uses it (or "another …" when a race lost). */
export function slugTakenError(kind: SlugOwner, name?: string): AppError {
  const message = name ? `The ${kind} “${name}” already uses this slug. Choose another.` : `Another ${kind} already uses this slug. Choose another.`;
  return new AppError('INVALID', INVALID_FIELDS_MESSAGE, { slug: [message] });
}

/**
 * INVALID on `name`, for a new record whose slug came from its name (the editor left Slug blank, or
 * typed what the name gives): the clash is the name's, so it is said there, offering the record that
 * has it and the way to keep both.
 */
export function nameTakenError(kind: SlugOwner, existing: { name: string }, slug: string): AppError {
  const message = `There is already ${kind === 'author' ? 'an' : 'a'} ${kind} “${existing.name}” (slug “${slug}”). Edit that ${kind} in the list instead, or, for another ${kind} of the same name, give this one its own slug, e.g. “${slug}-2”.`;
  return new AppError('INVALID', INVALID_FIELDS_MESSAGE, { name: [message] });
}

/**
 * Throws when `findClash` finds another record (not `exceptId`) with the slug: `nameTakenError` when
 * the slug is the one `name` gives (pass `name` when creating), else `slugTakenError`.
 */
export async function assertSlugFree(
  kind: SlugOwner,
  findClash: (where: { slug: string; id?: { not: string } }) => Promise<{ name: string } | null>,
  slug: string,
  exceptId?: string,
  { name }: { name?: string } = {},
): Promise<void> {
  const clash = await findClash({ slug, ...(exceptId ? { id: { not: exceptId } } : {}) });
  if (!clash) return;
  if (name !== undefined && slugify(name) === slug) throw nameTakenError(kind, clash, slug);
  throw slugTakenError(kind, clash.name);
}

/** True for PostgreSQL's unique violation as Prisma reports it (P2002), optionally on one column. */
export function isUniqueViolation(error: unknown, column?: string): boolean {
  if (!(error instanceof Prisma.PrismaClientKnownRequestError) || error.code !== 'P2002') return false;
  if (!column) return true;
  return String((error.meta as { target?: unknown } | undefined)?.target ?? '').includes(column);
}

/** For `.catch` on a transaction: a unique-slug race lost at commit time reads like the checked case. */
export function mapSlugRace(kind: SlugOwner): (error: unknown) => never {
  return (error) => {
    if (isUniqueViolation(error)) throw slugTakenError(kind);
    throw error;
  };
}
