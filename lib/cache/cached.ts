import 'server-only';
import { unstable_cache } from 'next/cache';
import { CONTENT } from '@/lib/cache/tags';
import { reviveDates } from '@/lib/cache/revive-dates';

/**
 * Runs a reader query through Next's data cache: the result is stored under `key` (plus `args`) with
 * `tags`, never expires by time, and is dropped only by `revalidateContent()` (revalidateTag). Every
 * entry also carries the CONTENT tag. The cache stores JSON, so `…At` fields come back as Date again.
 *
 * Tags are fixed per call, so queries whose tags depend on their arguments build them here.
 */
export async function cachedQuery<T>(key: string, args: readonly (string | number | null)[], tags: string[], query: () => Promise<T>): Promise<T> {
  const run = unstable_cache(query, ['reader', key, ...args.map(String)], {
    tags: [CONTENT, ...tags.filter((t) => t !== CONTENT)],
    revalidate: false,
  });
  return reviveDates(await run());
}
