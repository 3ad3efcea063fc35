import type { AsyncLocalStorage } from 'node:async_hooks';

/**
 * The bridge between Next's code and the response cache of the production server
 * (scripts/serve.mjs, scripts/lib/response-cache.mjs), which lives in the same process but outside
 * Next's bundles: the server puts this host on globalThis before Next starts.
 * - `tagScope` is an AsyncLocalStorage whose store is the set of cache tags of the page being rendered
 *   (each reader query adds its tags: `readerQuery()`), so the cached page knows what it shows;
 * - `purge(tags)` drops every cached page carrying one of the tags, `purgeAll()` every page.
 * Without the server (`next dev`, `next start`, tests) there is no host and both are no-ops.
 */
export type PageCacheHost = {
  tagScope: AsyncLocalStorage<Set<string>>;
  purge(tags: readonly string[]): number;
  purgeAll(): number;
};

/** The same symbol scripts/serve.mjs registers the host under. */
export const PAGE_CACHE_HOST = Symbol.for('masthead.page-cache');

export function pageCacheHost(): PageCacheHost | undefined {
  return (globalThis as { [PAGE_CACHE_HOST]?: PageCacheHost })[PAGE_CACHE_HOST];
}

/** Marks the page being rendered (if any) with these tags. */
export function notePageTags(tags: readonly string[]): void {
  const store = pageCacheHost()?.tagScope.getStore();
  if (store) for (const tag of tags) store.add(tag);
}
