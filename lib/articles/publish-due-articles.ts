import 'server-only';
import { articleForCheck, scopeOfArticle } from '@/lib/articles/article-writes';
import type { Db } from '@/lib/db';
import { mergeScopes } from '@/lib/operations/content-scope';
import { dbOf, recordChange, type Outcome } from '@/lib/operations/operation';

/**
 * The system's operation (the scheduler; no user is asking): publishes every SCHEDULED article whose
 * time has come, atomically with one UPDATE … RETURNING, so with several app instances each is published
 * exactly once. Each gets its audit row `article.publish-scheduled` and change record in the same
 * transaction; the returned change covers all of them.
 */
export async function publishDueArticles(ctx: { db?: Db } = {}): Promise<Outcome<{ id: string; headline: string }[]>> {
  return dbOf(ctx).$transaction(async (tx) => {
    const published = await tx.$queryRaw<{ id: string; headline: string }[]>`
      UPDATE "Article" SET status = 'PUBLISHED', "publishedAt" = "scheduledAt", "scheduledAt" = NULL, "updatedAt" = now()
      WHERE status = 'SCHEDULED' AND "scheduledAt" <= now() AND "deletedAt" IS NULL
      RETURNING id, headline`;
    if (published.length === 0) return { result: [], change: null };
    const articles = await tx.article.findMany({ where: { id: { in: published.map((r) => r.id) } }, select: articleForCheck });
    for (const article of articles) {
      await recordChange(tx, {
        actor: null,
        action: 'article.publish-scheduled',
        targetType: 'Article',
        targetId: article.id,
        detail: { headline: article.headline },
        content: scopeOfArticle(article),
      });
    }
    const content = articles.map((a) => scopeOfArticle(a)).reduce(mergeScopes);
    return { result: published, change: { kind: 'article.publish-scheduled', targetType: 'Article', targetId: null, content } };
  });
}
