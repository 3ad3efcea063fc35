import { LRUCache } from 'lru-cache';
import { getDb } from '@/lib/db';

const TTL_MS = 3_000;
const MAX_ENTRIES = 20_000;
const READER_PATH = /^\/[a-z0-9-]+(?:\/[a-z0-9-]+)?$/;
/** A path segment of an older site: lower-case slug characters and percent-escapes (non-ASCII slugs). */
const OLD_SEGMENT = '(?:[a-z0-9_-]|%[0-9A-F]{2})+';
/** An older site's permalink: up to 8 such segments, optionally ending in .html or .htm. */
const OLD_PATH = new RegExp(`^(?:/${OLD_SEGMENT}){1,8}(?:\\.html?)?$`);
const MAX_PATH = 512;
/** The query-string permalinks of WordPress that a Redirect row can name: `/?p=123`, `/?page_id=45`. */
const QUERY_PERMALINK_KEYS = ['p', 'page_id'] as const;
/** No redirect for this path (LRUCache stores no null). */
const NONE = '';

// On globalThis: proxy.ts and the app's Server Actions are bundled apart but run in one process, so the
// action that moved a slug can forget what the proxy remembered.
const globalForRedirects = globalThis as unknown as { mastheadRedirects?: LRUCache<string, string> };
const cache = (globalForRedirects.mastheadRedirects ??= new LRUCache<string, string>({ max: MAX_ENTRIES, ttl: TTL_MS }));

/**
 * True for the paths a Redirect row can name: a section front, an article, an author or campaign page,
 * and the old permalinks of an imported site (lib/import): one or two slug segments with
 * percent-escapes, and deeper paths that have a numeric segment (a date or an id: `/2020/05/12/slug`,
 * `/archives/123`) or end in `.html`. Never /dashboard, /api or Next's /_next; no trailing slash (see `redirectKeyOf`).
 */
export function isRedirectablePath(path: string): boolean {
  if (path.startsWith('/dashboard') || path.startsWith('/api') || path.startsWith('/_next') || path.length > MAX_PATH) return false;
  if (READER_PATH.test(path)) return true;
  if (!OLD_PATH.test(path)) return false;
  const segments = path.split('/').slice(1);
  return segments.length <= 2 || path.endsWith('.html') || path.endsWith('.htm') || segments.some((s) => /^\d+$/.test(s));
}

/** Upper-case hex in percent-escapes, as browsers send them (WordPress writes `%e4`, a browser `%E4`). */
const upperEscapes = (path: string) => path.replace(/%[0-9a-f]{2}/gi, (e) => e.toUpperCase());

/**
 * The Redirect row a request would be answered from (`fromPath`), or null when none can name it: the
 * path with one trailing slash removed and its escapes upper-cased, if `isRedirectablePath`; for the
 * front page (or /index.php) with `?p=N` or `?page_id=N`, `/?p=N`. The importer stores old URLs under
 * the same key, so `/2020/05/12/slug/` and `/2020/05/12/slug` both find the row. Pure.
 */
export function redirectKeyOf(pathname: string, search: URLSearchParams = new URLSearchParams()): string | null {
  if (pathname === '/' || pathname === '/index.php') {
    for (const key of QUERY_PERMALINK_KEYS) {
      const values = search.getAll(key);
      if (values.length === 1 && /^[1-9]\d{0,11}$/.test(values[0]!)) return `/?${key}=${values[0]}`;
    }
    return null;
  }
  const path = upperEscapes(pathname.length > 1 && pathname.endsWith('/') ? pathname.slice(0, -1) : pathname);
  return isRedirectablePath(path) ? path : null;
}

/**
 * Where a path with a trailing slash moves when no Redirect row answers it: the same path without it
 * (what Next does by itself unless `skipTrailingSlashRedirect`, which lets an old `/slug/` find its row
 * first and answer with one 301). Null for `/` and paths without one.
 */
export function withoutTrailingSlash(pathname: string): string | null {
  if (pathname.length <= 1 || !pathname.endsWith('/')) return null;
  return pathname.replace(/\/+$/, '') || '/';
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
