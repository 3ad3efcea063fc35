import 'server-only';
import { assertCan } from '@/lib/auth/permissions';
import { assertCanEditContent, loadArticleForActorOrThrow, mapArticleSlugRace, snapshotToContent, writeContent } from '@/lib/articles/article-writes';
import { restoreRevisionSchema } from '@/lib/articles/schemas';
import { AppError } from '@/lib/errors';
import { dbOf, parseInput, recordChange, type OperationArgs, type Outcome } from '@/lib/operations/operation';

/**
 * Restores an old revision's content as a new save (a new version and revision), conditional on
 * `baseVersion` like any other save; audited `article.restore-revision`.
 */
export async function restoreRevision(ctx: OperationArgs): Promise<Outcome<{ version: number; restoredFrom: number }>> {
  const { actor, ip } = ctx;
  assertCan(actor, 'edit:own-article');
  const { articleId, revisionId, baseVersion } = parseInput(restoreRevisionSchema, ctx.input);
  return dbOf(ctx)
    .$transaction(async (tx) => {
      const article = await loadArticleForActorOrThrow(tx, actor, articleId);
      assertCanEditContent(actor, article);
      const revision = await tx.articleRevision.findFirst({ where: { id: revisionId, articleId }, select: { version: true, snapshot: true } });
      if (!revision) throw new AppError('NOT_FOUND', 'That revision does not exist.');
      const written = await writeContent(tx, actor, article, baseVersion, await snapshotToContent(tx, revision.snapshot));
      const change = await recordChange(tx, {
        actor,
        ip,
        action: 'article.restore-revision',
        targetType: 'Article',
        targetId: article.id,
        detail: { version: written.version, restoredFrom: revision.version },
        content: written.content,
      });
      return { result: { version: written.version, restoredFrom: revision.version }, change };
    })
    .catch(mapArticleSlugRace);
}
