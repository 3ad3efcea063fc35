import type { Actor } from '@/lib/auth/actor';
import type { Prisma } from '@/lib/generated/prisma/client';

/** Matches no row: what a query gets when nobody is asking. */
const NOTHING: Prisma.ArticleWhereInput = { id: { in: [] } };

/**
 * The articles `actor` may see in the dashboard, as a Prisma `where`. Editors and admins see every
 * article; writers see the ones they created or are a linked author of; no actor sees nothing.
 */
export function articleWhereFor(actor: Actor | null | undefined): Prisma.ArticleWhereInput {
  if (!actor?.id) return NOTHING;
  if (actor.role === 'EDITOR' || actor.role === 'ADMIN') return {};
  if (actor.role === 'WRITER') return { OR: [{ createdById: actor.id }, { authors: { some: { author: { userId: actor.id } } } }] };
  return NOTHING;
}

/** True when the article's creator or one of its linked authors is `actor`. */
export function isOwnArticle(actor: Actor, article: { createdById: string | null; authors: { author: { userId: string | null } }[] }): boolean {
  return article.createdById === actor.id || article.authors.some((a) => a.author.userId === actor.id);
}

/** Editors and admins manage every article's workflow. */
export function isEditorRole(actor: Actor | null | undefined): boolean {
  return actor?.role === 'EDITOR' || actor?.role === 'ADMIN';
}
