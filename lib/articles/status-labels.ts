import type { ArticleStatus } from '@/lib/generated/prisma/enums';

/** An article's workflow status, for components (which never import Prisma). */
export type { ArticleStatus };

/** How the dashboard names one article's status (a badge, a table cell, a filter option). Client-safe. */
export const STATUS_LABEL: Record<ArticleStatus, string> = {
  DRAFT: 'Draft',
  IN_REVIEW: 'In review',
  SCHEDULED: 'Scheduled',
  PUBLISHED: 'Published',
  ARCHIVED: 'Archived',
};

/** How the dashboard names a group of articles in one status (the home page's counts: "Drafts", "In review"…). */
export const STATUS_GROUP_LABEL: Record<ArticleStatus, string> = { ...STATUS_LABEL, DRAFT: 'Drafts' };

/** What an article in the trash shows instead of its status. */
export const TRASHED_LABEL = 'In trash';
