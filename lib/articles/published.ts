import { Prisma } from '@/lib/generated/prisma/client';

/**
 * The one "published" predicate every reader query uses: status PUBLISHED, publishedAt not in the
 * future, not in the trash. Drafts, scheduled, archived and trashed articles never reach readers.
 */
export function publishedWhere(now: Date = new Date()): Prisma.ArticleWhereInput {
  return { status: 'PUBLISHED', publishedAt: { lte: now }, deletedAt: null };
}

/**
 * The same predicate for raw SQL on "Article" (full-text search), so the rule lives in this one file.
 * Keep it in step with `publishedWhere`.
 */
export function publishedSql(now: Date = new Date()): Prisma.Sql {
  return Prisma.sql`a."status" = 'PUBLISHED' AND a."publishedAt" <= ${now} AND a."deletedAt" IS NULL`;
}

/** The same predicate for one loaded article: whether readers can see it at `now`. */
export function isPublishedAt(a: { status: string; publishedAt: Date | null; deletedAt: Date | null }, now: Date = new Date()): boolean {
  return a.status === 'PUBLISHED' && a.deletedAt === null && a.publishedAt !== null && a.publishedAt.getTime() <= now.getTime();
}
