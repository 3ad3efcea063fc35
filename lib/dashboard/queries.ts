import 'server-only';
import type { Actor } from '@/lib/auth/actor';
import { getDb } from '@/lib/db';
import type { ArticleStatus } from '@/lib/generated/prisma/enums';

export const ARTICLE_STATUSES: ArticleStatus[] = ['DRAFT', 'IN_REVIEW', 'SCHEDULED', 'PUBLISHED', 'ARCHIVED'];

/**
 * Counts of articles not in the trash, by status: the whole newsroom's for everyone signed in (the
 * counts reveal no content), plus the actor's own drafts.
 */
export async function getDashboardCounts({ actor }: { actor: Actor }): Promise<{ byStatus: Record<ArticleStatus, number>; trashed: number; myDrafts: number }> {
  const db = getDb();
  const [groups, trashed, myDrafts] = await Promise.all([
    db.article.groupBy({ by: ['status'], where: { deletedAt: null }, _count: { _all: true } }),
    db.article.count({ where: { deletedAt: { not: null } } }),
    db.article.count({ where: { deletedAt: null, status: 'DRAFT', createdById: actor.id } }),
  ]);
  const byStatus = Object.fromEntries(ARTICLE_STATUSES.map((s) => [s, 0])) as Record<ArticleStatus, number>;
  for (const g of groups) byStatus[g.status] = g._count._all;
  return { byStatus, trashed, myDrafts };
}
