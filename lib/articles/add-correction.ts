import 'server-only';
import { loadArticleForActorOrThrow, type Tx } from '@/lib/articles/article-writes';
import { addCorrectionSchema, CORRECTION_KIND_LABEL, type CorrectionKind } from '@/lib/articles/corrections';
import { isPublishedAt } from '@/lib/articles/published';
import { assertCan } from '@/lib/auth/permissions';
import { AppError } from '@/lib/errors';
import type { Prisma } from '@/lib/generated/prisma/client';
import { contentScope } from '@/lib/operations/content-scope';
import { dbOf, parseInput, recordChange, type OperationArgs, type Outcome } from '@/lib/operations/operation';

export type AddedCorrection = { id: string; articleId: string; kind: CorrectionKind; text: string; publishedAt: Date; version: number };

/**
 * Appends a correction, clarification or update to a published article (`correct:article`: editors
 * and admins; a writer gets FORBIDDEN, a draft or scheduled article INVALID). In one transaction: the
 * correction dated now; the article's version and modification time (dateModified, the feeds' updated)
 * moved on, conditional on the version it read (CONFLICT otherwise); a revision of the unchanged
 * content that records the correction, so the history keeps it; audit `article.correct` and a change
 * that purges the article's page, the feeds and sitemaps (`modified`) and the corrections page.
 */
export async function addCorrection(ctx: OperationArgs): Promise<Outcome<AddedCorrection>> {
  const { actor, ip } = ctx;
  assertCan(actor, 'correct:article');
  const { articleId, kind, text } = parseInput(addCorrectionSchema, ctx.input);
  return dbOf(ctx).$transaction(async (tx) => {
    const article = await loadArticleForActorOrThrow(tx, actor, articleId);
    const now = new Date();
    if (!isPublishedAt(article, now)) {
      throw new AppError('INVALID', 'Only a published article can be corrected: change a draft or scheduled article by editing it.', {
        articleId: ['This article is not published.'],
      });
    }
    const moved = await tx.article.updateMany({
      where: { id: article.id, version: article.version, status: 'PUBLISHED', deletedAt: null },
      data: { version: { increment: 1 }, updatedAt: now },
    });
    if (moved.count === 0) throw new AppError('CONFLICT', 'Someone else changed this article just now. Reload the page and add the correction again.');
    const version = article.version + 1;
    const correction = await tx.correction.create({
      data: { articleId: article.id, kind, text, publishedAt: now, createdById: actor.id, createdAt: now },
      select: { id: true, kind: true, text: true, publishedAt: true },
    });
    const snapshot = await snapshotWithCorrection(tx, article.id, article.version, { id: correction.id, kind, text, publishedAt: now.toISOString() });
    await tx.articleRevision.create({ data: { articleId: article.id, version, editorId: actor.id, snapshot, createdAt: now } });
    const change = await recordChange(tx, {
      actor,
      ip,
      action: 'article.correct',
      targetType: 'Article',
      targetId: article.id,
      detail: { correctionId: correction.id, kind, version, label: CORRECTION_KIND_LABEL[kind] },
      // Its page, the feeds and sitemaps (dateModified), the corrections page; no card or list shows it.
      content: contentScope({ articleIds: [article.id], modified: true, corrections: true }),
    });
    return { result: { ...correction, articleId: article.id, version }, change };
  });
}

/**
 * The revision a correction writes: the content as it stood at `version` (the article's content does
 * not change) with the correction beside it, which the history page shows and restoring ignores.
 */
async function snapshotWithCorrection(tx: Tx, articleId: string, version: number, correction: Record<string, string>): Promise<Prisma.InputJsonValue> {
  const base =
    (await tx.articleRevision.findUnique({ where: { articleId_version: { articleId, version } }, select: { snapshot: true } })) ??
    (await tx.articleRevision.findFirst({ where: { articleId }, orderBy: { version: 'desc' }, select: { snapshot: true } }));
  const content = base && typeof base.snapshot === 'object' && base.snapshot !== null && !Array.isArray(base.snapshot) ? (base.snapshot as Record<string, unknown>) : {};
  const { correction: _previous, ...rest } = content;
  return { ...rest, correction } as Prisma.InputJsonValue;
}
