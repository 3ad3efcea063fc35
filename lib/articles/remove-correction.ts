import 'server-only';
import { loadArticleForActorOrThrow } from '@/lib/articles/article-writes';
import { canWithdrawCorrection, type CorrectionKind, removeCorrectionSchema } from '@/lib/articles/corrections';
import { assertCan } from '@/lib/auth/permissions';
import { AppError } from '@/lib/errors';
import type { Prisma } from '@/lib/generated/prisma/client';
import { contentScope } from '@/lib/operations/content-scope';
import { dbOf, parseInput, recordChange, type OperationArgs, type Outcome } from '@/lib/operations/operation';

export type RemovedCorrection = { id: string; articleId: string; kind: CorrectionKind; version: number };

/**
 * Withdraws a correction added less than 15 minutes ago (`correct:article`; a typo, the wrong article);
 * after that INVALID: the way to change a correction readers have seen is another one. Like adding one:
 * the article's version and modification time move on (CONFLICT if it moved meanwhile), a revision of
 * the unchanged content records the withdrawal, audit `article.correction-withdrawn`, and the same purge.
 */
export async function removeCorrection(ctx: OperationArgs): Promise<Outcome<RemovedCorrection>> {
  const { actor, ip } = ctx;
  assertCan(actor, 'correct:article');
  const { correctionId } = parseInput(removeCorrectionSchema, ctx.input);
  return dbOf(ctx).$transaction(async (tx) => {
    const correction = await tx.correction.findUnique({ where: { id: correctionId }, select: { id: true, articleId: true, kind: true, text: true, publishedAt: true, createdAt: true } });
    if (!correction) throw new AppError('NOT_FOUND', 'This correction does not exist any more.');
    const article = await loadArticleForActorOrThrow(tx, actor, correction.articleId);
    const now = new Date();
    if (!canWithdrawCorrection(correction.createdAt, now)) {
      throw new AppError('INVALID', 'A correction can be withdrawn only in the 15 minutes after it was added. Add another correction instead.');
    }
    const moved = await tx.article.updateMany({ where: { id: article.id, version: article.version }, data: { version: { increment: 1 }, updatedAt: now } });
    if (moved.count === 0) throw new AppError('CONFLICT', 'Someone else changed this article just now. Reload the page and try again.');
    const version = article.version + 1;
    await tx.correction.delete({ where: { id: correction.id } });
    const base = await tx.articleRevision.findUnique({ where: { articleId_version: { articleId: article.id, version: article.version } }, select: { snapshot: true } });
    const content = base && typeof base.snapshot === 'object' && base.snapshot !== null && !Array.isArray(base.snapshot) ? (base.snapshot as Record<string, unknown>) : {};
    const snapshot = {
      ...content,
      correction: { id: correction.id, kind: correction.kind, text: correction.text, publishedAt: correction.publishedAt.toISOString(), withdrawn: true },
    } as Prisma.InputJsonValue;
    await tx.articleRevision.create({ data: { articleId: article.id, version, editorId: actor.id, snapshot, createdAt: now } });
    const change = await recordChange(tx, {
      actor,
      ip,
      action: 'article.correction-withdrawn',
      targetType: 'Article',
      targetId: article.id,
      detail: { correctionId: correction.id, kind: correction.kind, version },
      content: contentScope({ articleIds: [article.id], modified: true, corrections: true }),
    });
    return { result: { id: correction.id, articleId: article.id, kind: correction.kind, version }, change };
  });
}
