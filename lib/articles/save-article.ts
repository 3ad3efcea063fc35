import 'server-only';
import { assertCan } from '@/lib/auth/permissions';
import { assertCanEditContent, loadArticleForActorOrThrow, mapArticleSlugRace, writeContent } from '@/lib/articles/article-writes';
import { saveArticleSchema } from '@/lib/articles/schemas';
import { dbOf, parseInput, recordChange, type OperationArgs, type Outcome } from '@/lib/operations/operation';

/**
 * Saves the editor's content, conditional on `baseVersion`: exactly one of several saves based on the
 * same version wins; the others get CONFLICT naming who saved last. Every successful save writes a
 * revision, its audit row `article.save` and change record in the same transaction. Changing the path
 * of a published article adds a 301.
 */
export async function saveArticle(ctx: OperationArgs): Promise<Outcome<{ version: number; savedAt: Date }>> {
  const { actor, ip } = ctx;
  assertCan(actor, 'edit:own-article');
  const { articleId, baseVersion, content } = parseInput(saveArticleSchema, ctx.input, { under: 'content' });
  return dbOf(ctx)
    .$transaction(async (tx) => {
      const article = await loadArticleForActorOrThrow(tx, actor, articleId);
      assertCanEditContent(actor, article);
      const written = await writeContent(tx, actor, article, baseVersion, content);
      const change = await recordChange(tx, {
        actor,
        ip,
        action: 'article.save',
        targetType: 'Article',
        targetId: article.id,
        detail: { version: written.version },
        content: written.content,
      });
      return { result: { version: written.version, savedAt: written.savedAt }, change };
    })
    .catch(mapArticleSlugRace);
}
