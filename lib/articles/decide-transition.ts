import { roleCan, type Capability } from '@/lib/auth/permissions';
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

/**
 * Which states each action leaves from, the state it leads to, and the capability it takes
 * (lib/auth/permissions.ts). `ownOnly`: holders of the capability may take it on their own articles;
 * on others' articles it takes `edit:any-article` too.
 */
const RULES: Record<Exclude<ArticleAction, 'trash' | 'restore'>, { from: ArticleStatus[]; to: ArticleStatus; capability: Capability; ownOnly?: true }> = {
  submit: { from: ['DRAFT'], to: 'IN_REVIEW', capability: 'submit:article', ownOnly: true },
  withdraw: { from: ['IN_REVIEW'], to: 'DRAFT', capability: 'submit:article', ownOnly: true },
  return: { from: ['IN_REVIEW'], to: 'DRAFT', capability: 'review:article' },
  publish: { from: ['DRAFT', 'IN_REVIEW', 'SCHEDULED'], to: 'PUBLISHED', capability: 'publish:article' },
  schedule: { from: ['DRAFT', 'IN_REVIEW', 'SCHEDULED'], to: 'SCHEDULED', capability: 'schedule:article' },
  unschedule: { from: ['SCHEDULED'], to: 'DRAFT', capability: 'schedule:article' },
  unpublish: { from: ['PUBLISHED'], to: 'DRAFT', capability: 'unpublish:article' },
  archive: { from: ['PUBLISHED', 'DRAFT'], to: 'ARCHIVED', capability: 'archive:article' },
  unarchive: { from: ['ARCHIVED'], to: 'DRAFT', capability: 'archive:article' },
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
  if (action === 'trash' || action === 'restore') {
    if (!roleCan(role, 'trash:article')) return { allowed: false, reason: 'Only editors and admins can move articles to and from the trash.' };
    if (action === 'trash' && subject.trashed) return { allowed: false, reason: 'The article is already in the trash.' };
    if (action === 'restore' && !subject.trashed) return { allowed: false, reason: 'The article is not in the trash.' };
    return { allowed: true, to: subject.status };
  }
  if (subject.trashed) return { allowed: false, reason: 'Restore the article from the trash first.' };
  const rule = RULES[action];
  if (!roleCan(role, rule.capability)) return { allowed: false, reason: 'Only editors and admins can do this; submit the article for review instead.' };
  if (rule.ownOnly && !subject.isOwn && !roleCan(role, 'edit:any-article')) return { allowed: false, reason: 'Writers can only submit or withdraw their own articles.' };
  if (!rule.from.includes(subject.status)) {
    return { allowed: false, reason: `This cannot be done to an article that is ${LABEL[subject.status]}.` };
  }
  return { allowed: true, to: rule.to };
}

/** Whether `role` may change the content of an article in `status`: `edit:any-article` any, `edit:own-article` only one's own drafts. */
export function decideCanEdit(subject: TransitionSubject, role: Role): { allowed: true } | { allowed: false; reason: string } {
  if (subject.trashed) return { allowed: false, reason: 'The article is in the trash; restore it to edit it.' };
  if (roleCan(role, 'edit:any-article')) return { allowed: true };
  if (!roleCan(role, 'edit:own-article') || !subject.isOwn) return { allowed: false, reason: 'Writers can only edit their own articles.' };
  if (subject.status !== 'DRAFT') return { allowed: false, reason: 'The article has been submitted; an editor is working on it now.' };
  return { allowed: true };
}
