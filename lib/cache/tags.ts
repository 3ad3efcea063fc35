import { pageCacheHost } from '@/lib/cache/page-cache';
import { purgeSharedCaches } from '@/lib/cache/shared-purge';
import { forgetRedirects } from '@/lib/redirects/redirect-lookup';
import type { ContentScope } from '@/lib/operations/content-scope';

/**
 * Cache tags of reader pages. Every reader query marks the page that runs it with `CONTENT` plus the
 * finer tags of what it shows (lib/cache/cached.ts), so a change purges exactly the pages it touched.
 */
export const CONTENT = 'content';
/** Pages that show when articles last changed (feeds, sitemaps' lastmod): purged by an edit no card shows. */
export const MODIFIED = 'modified';
/** The corrections page and its feed: purged when a correction is added. */
export const CORRECTIONS = 'corrections';
/** The pages with a newsletter sign-up form (front page, section fronts, articles): purged when a newsletter changes. */
export const NEWSLETTERS = 'newsletters';
export const articleTag = (id: string) => `article:${id}`;
export const sectionTag = (slug: string) => `section:${slug}`;
export const authorTag = (slug: string) => `author:${slug}`;
export const campaignTag = (slug: string) => `campaign:${slug}`;
export const topicTag = (slug: string) => `tag:${slug}`;
/** A standing page (About, Contact, …): its own page only; the footer and sitemap follow `CONTENT`. */
export const pageTag = (slug: string) => `page:${slug}`;

/**
 * The data-cache tags of a content scope: `CONTENT` when lists may change, plus one per thing touched.
 * (`corrections` and `newsletters` may be missing from change records written before they existed: read as false.)
 */
export function contentTagsOf(scope: ContentScope): string[] {
  return [
    ...(scope.lists ? [CONTENT] : scope.modified ? [MODIFIED] : []),
    ...(scope.corrections && !scope.lists ? [CORRECTIONS] : []),
    ...(scope.newsletters && !scope.lists ? [NEWSLETTERS] : []),
    ...scope.articleIds.map(articleTag),
    ...scope.sectionSlugs.map(sectionTag),
    ...scope.authorSlugs.map(authorTag),
    ...scope.campaignSlugs.map(campaignTag),
    ...scope.tagSlugs.map(topicTag),
    ...scope.pageSlugs.map(pageTag),
  ];
}

/**
 * Purges the reader pages that show a change, so the next request renders fresh ones. Call it after the
 * transaction that changed the content has committed: the Server Action and job adapters do, with the
 * operation's change, and the change feed does for other instances' changes.
 */
export function revalidateContent(scope: ContentScope): void {
  revalidateTags(contentTagsOf(scope));
}

/**
 * Purges the pages carrying any of these tags from this process's response cache (scripts/serve.mjs),
 * forgets the redirects it remembered (the change may have moved a path: the proxy must not go on
 * answering that the old path leads nowhere, and cache that 404), then purges the shared caches in
 * front (CACHE_PURGE_URL: Varnish, a CDN), in that order, so a shared cache never refetches a page this
 * instance still holds. `CONTENT` purges every page.
 */
export function revalidateTags(tags: readonly string[]): void {
  const unique = [...new Set(tags)];
  if (unique.length === 0) return;
  const host = pageCacheHost();
  if (unique.includes(CONTENT)) host?.purgeAll();
  else host?.purge(unique);
  forgetRedirects();
  purgeSharedCaches(unique);
}
