import 'server-only';
import { loadArticleForActorOrThrow, scopeOfArticle } from '@/lib/articles/article-writes';
import { decidePublishChecklist } from '@/lib/articles/decide-checklist';
import { decideTransition } from '@/lib/articles/decide-transition';
import { decideTransitionEffects } from '@/lib/articles/decide-transition-effects';
import { isOwnArticle } from '@/lib/articles/permissions';
import { transitionSchema } from '@/lib/articles/schemas';
import { AppError } from '@/lib/errors';
import type { ArticleStatus } from '@/lib/generated/prisma/enums';
import { dbOf, parseInput, recordChange, type OperationArgs, type Outcome } from '@/lib/operations/operation';

/**
 * Moves an article through the workflow (submit, publish, schedule, unpublish, archive, trash,
 * restore…) as `decideTransition` allows from the capability table; publishing and scheduling also need
 * the publish checklist to pass, and what the row gets is `decideTransitionEffects`. Conditional on the
 * state it decided on, so two simultaneous transitions cannot both apply. Audited `article.<action>`.
 */
export async function transitionArticle(ctx: OperationArgs): Promise<Outcome<{ status: ArticleStatus }>> {
  const { actor, ip } = ctx;
  const { articleId, action, scheduledAt: scheduledAtText } = parseInput(transitionSchema, ctx.input);
  const scheduledAt = scheduledAtText ? new Date(scheduledAtText) : undefined;
  return dbOf(ctx).$transaction(async (tx) => {
    const article = await loadArticleForActorOrThrow(tx, actor, articleId);
    const decision = decideTransition({ status: article.status, trashed: article.deletedAt !== null, isOwn: isOwnArticle(actor, article) }, action, actor.role);
    if (!decision.allowed) throw new AppError('FORBIDDEN', decision.reason);
    if (action === 'publish' || action === 'schedule') {
      const failures = decidePublishChecklist({
        headline: article.headline,
        sectionId: article.sectionId,
        authorIds: article.authors.map((a) => a.authorId),
        standfirst: article.standfirst,
        heroImage: article.heroImage,
      });
      if (Object.keys(failures).length) {
        const fieldErrors = Object.fromEntries(Object.entries(failures).map(([k, v]) => [k, [v]]));
        // The reasons in the message itself, for every caller: the editor also lists them beside its Publish button.
        const open = Object.values(failures).length;
        throw new AppError('INVALID', `The article is not ready to publish: ${open} item${open === 1 ? '' : 's'} still open. ${Object.values(failures).join(' ')}`, fieldErrors);
      }
    }
    const effects = decideTransitionEffects({ before: article, action, to: decision.to, scheduledAt, now: new Date() });
    if (!effects.ok) throw new AppError('INVALID', effects.message, { [effects.field]: [effects.message] });
    const done = await tx.article.updateMany({ where: { id: article.id, status: article.status, deletedAt: article.deletedAt }, data: effects.patch });
    if (done.count === 0) throw new AppError('CONFLICT', 'Someone else changed this article’s status just now. Reload to see it.');
    const change = await recordChange(tx, {
      actor,
      ip,
      action: `article.${action}`,
      targetType: 'Article',
      targetId: article.id,
      detail: { from: article.status, to: decision.to, ...(scheduledAt ? { scheduledAt: scheduledAt.toISOString() } : {}) },
      content: effects.readersSeeChange ? scopeOfArticle(article) : null,
    });
    return { result: { status: decision.to }, change };
  });
}
