import type { Actor } from '@/lib/auth/actor';
import { can } from '@/lib/auth/permissions';
import type { Prisma } from '@/lib/generated/prisma/client';

/** Matches no row: what a query gets when nobody is asking. */
const NOTHING: Prisma.ArticleWhereInput = { id: { in: [] } };

/**
 * The articles `actor` may see in the dashboard, as a Prisma `where`: every article with
 * `edit:any-article`, one's own (created, or a linked author of) with `edit:own-article`; no actor
 * sees nothing. Every dashboard query and operation on an article narrows its where with this.
 */
export function articleWhereFor(actor: Actor | null | undefined): Prisma.ArticleWhereInput {
  if (!actor?.id) return NOTHING;
  if (can(actor, 'edit:any-article')) return {};
  if (can(actor, 'edit:own-article')) return { OR: [{ createdById: actor.id }, { authors: { some: { author: { userId: actor.id } } } }] };
  return NOTHING;
}

/** True when the article's creator or one of its linked authors is `actor`. */
export function isOwnArticle(actor: Actor, article: { createdById: string | null; authors: { author: { userId: string | null } }[] }): boolean {
  return article.createdById === actor.id || article.authors.some((a) => a.author.userId === actor.id);
}


/** The one article `articleId` if `actor` may see it, as a Prisma `where`: every by-id dashboard lookup uses it. */
export function articleForActorWhere(actor: Actor | null | undefined, articleId: string): Prisma.ArticleWhereInput {
  return { AND: [{ id: articleId }, articleWhereFor(actor)] };
}
