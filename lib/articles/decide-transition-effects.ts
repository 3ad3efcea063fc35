import type { ArticleAction } from '@/lib/articles/decide-transition';
import { isPublishedAt } from '@/lib/articles/published';
import type { ArticleStatus } from '@/lib/generated/prisma/enums';

type Before = { status: ArticleStatus; publishedAt: Date | null; scheduledAt: Date | null; deletedAt: Date | null };

/** The row update of a transition and whether readers see a difference, or the field refused. */
export type TransitionEffects =
  | { ok: true; patch: { status: ArticleStatus; publishedAt?: Date; scheduledAt?: Date | null; deletedAt?: Date | null }; readersSeeChange: boolean }
  | { ok: false; field: 'scheduledAt'; message: string };

/**
 * What a transition allowed by `decideTransition` writes, and whether reader pages change: pure, so
 * every action is tested. Publishing stamps `publishedAt` now and drops a schedule; scheduling needs a
 * time in the future; unscheduling and unpublishing drop the schedule; trash and restore set and clear
 * `deletedAt` and keep the status. Readers see a change when the article was or becomes visible.
 */
export function decideTransitionEffects({ before, action, to, scheduledAt, now }: { before: Before; action: ArticleAction; to: ArticleStatus; scheduledAt?: Date; now: Date }): TransitionEffects {
  if (action === 'schedule' && (!scheduledAt || scheduledAt.getTime() <= now.getTime())) {
    return { ok: false, field: 'scheduledAt', message: 'Choose a date and time in the future.' };
  }
  const patch: Extract<TransitionEffects, { ok: true }>['patch'] = { status: to };
  if (action === 'publish') Object.assign(patch, { publishedAt: now, scheduledAt: null });
  if (action === 'schedule') patch.scheduledAt = scheduledAt;
  if (action === 'unschedule' || action === 'unpublish') patch.scheduledAt = null;
  if (action === 'trash') patch.deletedAt = now;
  if (action === 'restore') patch.deletedAt = null;
  const after = { ...before, ...patch };
  return { ok: true, patch, readersSeeChange: isPublishedAt(before, now) || isPublishedAt(after, now) };
}
