import { getDb } from '@/lib/db';

const TTL_MS = 3_000;
const MAX_ENTRIES = 20_000;
const READER_PATH = /^\/[a-z0-9-]+(?:\/[a-z0-9-]+)?$/;

type Entry = { target: string | null; expires: number };
const cache = new Map<string, Entry>();

/** True for the paths a Redirect row can name: a section front or an article. */
export function isRedirectablePath(path: string): boolean {
  return READER_PATH.test(path) && !path.startsWith('/dashboard') && !path.startsWith('/api');
}

/**
 * Where an old reader path now lives, for proxy.ts to answer 301 before any page renders. Each path's
 * answer (found or not) is remembered for a few seconds, so busy pages cost one indexed lookup per path
 * every few seconds, not one per request. A database error answers null: the page's own not-found path
 * still redirects (308), so readers never see an error because of this lookup.
 */
export async function lookupRedirect(path: string, now = Date.now()): Promise<string | null> {
  const hit = cache.get(path);
  if (hit && hit.expires > now) return hit.target;
  let target: string | null = null;
  try {
    const row = await getDb().redirect.findUnique({ where: { fromPath: path }, select: { toPath: true } });
    target = row?.toPath ?? null;
  } catch {
    return null;
  }
  if (cache.size >= MAX_ENTRIES) cache.clear();
  cache.set(path, { target, expires: now + TTL_MS });
  return target;
}
