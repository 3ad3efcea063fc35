import type { ArticleStatus, Role } from '@/lib/generated/prisma/enums';

/** What an editor can do to an article's workflow state. */
export const ARTICLE_ACTIONS = ['submit', 'withdraw', 'return', 'publish', 'schedule', 'unschedule', 'unpublish', 'archive', 'unarchive', 'trash', 'restore'] as const;
export type ArticleAction = (typeof ARTICLE_ACTIONS)[number];

export type TransitionSubject = {
  status: ArticleStatus;
  /** In the trash (deletedAt set). */
  trashed: boolean;
  /** The actor created the article or is one of its linked authors. */
  isOwn: boolean;
};

export type TransitionDecision = { allowed: true; to: ArticleStatus } | { allowed: false; reason: string };

const EDITORS: Role[] = ['EDITOR', 'ADMIN'];

/** Which states each action leaves from, the state it leads to, and who may take it. */
const RULES: Record<Exclude<ArticleAction, 'trash' | 'restore'>, { from: ArticleStatus[]; to: ArticleStatus; writerOwn: boolean }> = {
  submit: { from: ['DRAFT'], to: 'IN_REVIEW', writerOwn: true },
  withdraw: { from: ['IN_REVIEW'], to: 'DRAFT', writerOwn: true },
  return: { from: ['IN_REVIEW'], to: 'DRAFT', writerOwn: false },
  publish: { from: ['DRAFT', 'IN_REVIEW', 'SCHEDULED'], to: 'PUBLISHED', writerOwn: false },
  schedule: { from: ['DRAFT', 'IN_REVIEW', 'SCHEDULED'], to: 'SCHEDULED', writerOwn: false },
  unschedule: { from: ['SCHEDULED'], to: 'DRAFT', writerOwn: false },
  unpublish: { from: ['PUBLISHED'], to: 'DRAFT', writerOwn: false },
  archive: { from: ['PUBLISHED', 'DRAFT'], to: 'ARCHIVED', writerOwn: false },
  unarchive: { from: ['ARCHIVED'], to: 'DRAFT', writerOwn: false },
};

const LABEL: Record<ArticleStatus, string> = {
  DRAFT: 'a draft',
  IN_REVIEW: 'in review',
  SCHEDULED: 'scheduled',
  PUBLISHED: 'published',
  ARCHIVED: 'archived',
};

/**
 * Decides whether `role` may take `action` on an article: pure, so every state × action × role is
 * tested. Writers submit and withdraw their own drafts; editors and admins do everything else.
 * Trash is orthogonal to status: trashing keeps the status, restoring brings the article back as it was.
 */
export function decideTransition(subject: TransitionSubject, action: ArticleAction, role: Role): TransitionDecision {
  const isEditor = EDITORS.includes(role);
  if (action === 'trash' || action === 'restore') {
    if (!isEditor) return { allowed: false, reason: 'Only editors and admins can move articles to and from the trash.' };
    if (action === 'trash' && subject.trashed) return { allowed: false, reason: 'The article is already in the trash.' };
    if (action === 'restore' && !subject.trashed) return { allowed: false, reason: 'The article is not in the trash.' };
    return { allowed: true, to: subject.status };
  }
  if (subject.trashed) return { allowed: false, reason: 'Restore the article from the trash first.' };
  const rule = RULES[action];
  if (!isEditor) {
    if (!rule.writerOwn) return { allowed: false, reason: 'Only editors and admins can do this; submit the article for review instead.' };
    if (!subject.isOwn) return { allowed: false, reason: 'Writers can only submit or withdraw their own articles.' };
  }
  if (!rule.from.includes(subject.status)) {
    return { allowed: false, reason: `This cannot be done to an article that is ${LABEL[subject.status]}.` };
  }
  return { allowed: true, to: rule.to };
}

/** Whether `role` may change the content of an article in `status`: writers only their own drafts, editors any. */
export function decideCanEdit(subject: TransitionSubject, role: Role): { allowed: true } | { allowed: false; reason: string } {
  if (subject.trashed) return { allowed: false, reason: 'The article is in the trash; restore it to edit it.' };
  if (EDITORS.includes(role)) return { allowed: true };
  if (!subject.isOwn) return { allowed: false, reason: 'Writers can only edit their own articles.' };
  if (subject.status !== 'DRAFT') return { allowed: false, reason: 'The article has been submitted; an editor is working on it now.' };
  return { allowed: true };
}
