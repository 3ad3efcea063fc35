import type { Prisma } from '@/lib/generated/prisma/client';

/**
 * The one "published" predicate every reader query uses: status PUBLISHED, publishedAt not in the
 * future, not in the trash. Drafts, scheduled, archived and trashed articles never reach readers.
 */
export function publishedWhere(now: Date = new Date()): Prisma.ArticleWhereInput {
  return { status: 'PUBLISHED', publishedAt: { lte: now }, deletedAt: null };
}
