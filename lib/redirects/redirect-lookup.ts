import { LRUCache } from 'lru-cache';
import { getDb } from '@/lib/db';

const TTL_MS = 3_000;
const MAX_ENTRIES = 20_000;
const READER_PATH = /^\/[a-z0-9-]+(?:\/[a-z0-9-]+)?$/;
/** No redirect for this path (LRUCache stores no null). */
const NONE = '';

// On globalThis: proxy.ts and the app's Server Actions are bundled apart but run in one process, so the
// action that moved a slug can forget what the proxy remembered.
const globalForRedirects = globalThis as unknown as { mastheadRedirects?: LRUCache<string, string> };
const cache = (globalForRedirects.mastheadRedirects ??= new LRUCache<string, string>({ max: MAX_ENTRIES, ttl: TTL_MS }));

/** True for the paths a Redirect row can name: a section front, an article, an author or campaign page. */
export function isRedirectablePath(path: string): boolean {
  return READER_PATH.test(path) && !path.startsWith('/dashboard') && !path.startsWith('/api');
}

/**
 * Where an old reader path now lives, for proxy.ts to answer 301 before any page renders: the one
 * redirect path (pages do not look redirects up again). Each path's answer (found or not) is
 * remembered for a few seconds, so busy pages cost one indexed lookup per path every few seconds, not
 * one per request. A database error answers null (the page then answers as it would).
 */
export async function lookupRedirect(path: string): Promise<string | null> {
  const hit = cache.get(path);
  if (hit !== undefined) return hit === NONE ? null : hit;
  let target: string | null;
  try {
    const row = await getDb().redirect.findUnique({ where: { fromPath: path }, select: { toPath: true } });
    target = row?.toPath ?? null;
  } catch {
    return null;
  }
  cache.set(path, target ?? NONE);
  return target;
}

/** Forgets every remembered answer of this process: called after a change that may have written redirects. */
export function forgetRedirects(): void {
  cache.clear();
}
