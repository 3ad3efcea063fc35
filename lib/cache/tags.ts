import 'server-only';
import { revalidateTag } from 'next/cache';

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

/**
 * Invalidates reader pages after content changed, so the next request renders fresh data (no stale
 * window: `expire: 0`). Call it after the transaction that changed the content has committed.
 * Publishing, unpublishing or editing a published article changes lists everywhere (front page, feeds,
 * sitemaps, related links), so `lists: true` (the default) invalidates them all.
 */
export function revalidateContent(change: { articleIds?: string[]; sectionSlugs?: string[]; authorSlugs?: string[]; campaignSlugs?: string[]; tagSlugs?: string[]; lists?: boolean }): void {
  const now = { expire: 0 };
  if (change.lists !== false) revalidateTag(CONTENT, now);
  for (const id of change.articleIds ?? []) revalidateTag(articleTag(id), now);
  for (const slug of change.sectionSlugs ?? []) revalidateTag(sectionTag(slug), now);
  for (const slug of change.authorSlugs ?? []) revalidateTag(authorTag(slug), now);
  for (const slug of change.campaignSlugs ?? []) revalidateTag(campaignTag(slug), now);
  for (const slug of change.tagSlugs ?? []) revalidateTag(topicTag(slug), now);
}
