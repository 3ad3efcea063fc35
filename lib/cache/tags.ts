import 'server-only';
import { revalidateTag } from 'next/cache';
import type { ContentScope } from '@/lib/operations/content-scope';

/**
 * Cache tags of reader data. Every cached reader query tags its result with `CONTENT` plus the finer
 * tags of what it shows, so a change can invalidate exactly what it touched.
 */
export const CONTENT = 'content';
export const articleTag = (id: string) => `article:${id}`;
export const sectionTag = (slug: string) => `section:${slug}`;
export const authorTag = (slug: string) => `author:${slug}`;
export const campaignTag = (slug: string) => `campaign:${slug}`;
export const topicTag = (slug: string) => `tag:${slug}`;

/** The data-cache tags of a content scope: `CONTENT` when lists may change, plus one per thing touched. */
export function contentTagsOf(scope: ContentScope): string[] {
  return [
    ...(scope.lists ? [CONTENT] : []),
    ...scope.articleIds.map(articleTag),
    ...scope.sectionSlugs.map(sectionTag),
    ...scope.authorSlugs.map(authorTag),
    ...scope.campaignSlugs.map(campaignTag),
    ...scope.tagSlugs.map(topicTag),
  ];
}

/**
 * Invalidates reader pages after content changed, so the next request renders fresh data (no stale
 * window: `expire: 0`). Call it after the transaction that changed the content has committed (the
 * Server Action adapter does, with the operation's change).
 */
export function revalidateContent(scope: ContentScope): void {
  revalidateTags(contentTagsOf(scope));
}

/** Invalidates the given data-cache tags at once (`expire: 0`): what the change feed and the internal endpoint purge. */
export function revalidateTags(tags: readonly string[]): void {
  for (const tag of new Set(tags)) revalidateTag(tag, { expire: 0 });
}
