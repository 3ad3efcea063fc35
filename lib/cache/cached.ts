import 'server-only';
import { cache } from 'react';
import { CONTENT } from '@/lib/cache/tags';
import { notePageTags } from '@/lib/cache/page-cache';

/** One map per request render (React's `cache`), so a query that both metadata and page need runs once. */
const requestMemo = cache(() => new Map<string, Promise<unknown>>());

/**
 * Runs a reader query and marks the page being rendered with the query's cache tags (`CONTENT` plus the
 * finer tags of what it shows): the response cache (scripts/serve.mjs) keeps the page until a change
 * purges one of them. Within one render the same `key` + `args` runs once. There is no second, data
 * cache below the page cache (ADR 0010): a page is rendered only when it is not cached, once per purge.
 */
export async function readerQuery<T>(key: string, args: readonly (string | number | null)[], tags: string[], query: () => Promise<T>): Promise<T> {
  notePageTags([CONTENT, ...tags]);
  const memo = requestMemo();
  const id = `${key}\u0000${args.map(String).join('\u0000')}`;
  let run = memo.get(id) as Promise<T> | undefined;
  if (!run) {
    run = query();
    memo.set(id, run);
  }
  return run;
}
