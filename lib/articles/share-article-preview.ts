import 'server-only';
import { assertCan } from '@/lib/auth/permissions';
import { loadArticleForActorOrThrow } from '@/lib/articles/article-writes';
import { signPreviewToken } from '@/lib/articles/preview-token';
import { articleRefSchema } from '@/lib/articles/schemas';
import { getEnv } from '@/lib/env';
import { AppError } from '@/lib/errors';
import { dbOf, parseInput, recordChange, type OperationArgs, type Outcome } from '@/lib/operations/operation';
import { previewPath } from '@/lib/routes';

/**
 * Hands out a signed 48-hour share link to the preview of an article the actor may see
 * (`share:article`), for people without an account; audited `article.share-preview` with its expiry,
 * so who shared what stays on record.
 */
export async function shareArticlePreview(ctx: OperationArgs): Promise<Outcome<{ url: string; expiresAt: Date }>> {
  const { actor, ip } = ctx;
  assertCan(actor, 'share:article');
  const { articleId } = parseInput(articleRefSchema, ctx.input);
  const env = getEnv();
  if (!env.AUTH_SECRET) throw new AppError('INVALID', 'Share links need AUTH_SECRET to be set on the server.');
  const secret = env.AUTH_SECRET;
  return dbOf(ctx).$transaction(async (tx) => {
    const article = await loadArticleForActorOrThrow(tx, actor, articleId);
    const { token, expiresAt } = signPreviewToken({ articleId: article.id, secret });
    const change = await recordChange(tx, {
      actor,
      ip,
      action: 'article.share-preview',
      targetType: 'Article',
      targetId: article.id,
      detail: { expiresAt: expiresAt.toISOString() },
      content: null,
    });
    return { result: { url: `${env.siteUrl}${previewPath(token)}`, expiresAt }, change };
  });
}
