import type { RedirectRow } from '@/lib/redirects/decide-move-redirects';
import { redirectKeyOf } from '@/lib/redirects/redirect-lookup';
import { RESERVED_TOP_LEVEL_SLUGS } from '@/lib/sections/decide-section-slug';

/**
 * Which 301s an import writes for old addresses, pure: each old URL (absolute or a path) becomes the
 * key the proxy looks up (`redirectKeyOf`: no trailing slash, `/?p=123` for WordPress's query
 * permalinks), pointing at its new path. Refused, with the reason for the report: an address no
 * Redirect row can name, and one that is a live page of Masthead (a section front, an article, the
 * app's own paths such as /about or /search), which a redirect would hide. An address that already is
 * the new path needs nothing. The first of two rows from the same address wins.
 */

export type RedirectCandidate = { from: string; to: string };
export type RefusedRedirect = { from: string; reason: string };

/** The Redirect key of an old URL or path, or null. */
export function oldUrlKey(from: string): string | null {
  let url: URL;
  try {
    url = new URL(from, 'http://old.invalid');
  } catch {
    return null;
  }
  return redirectKeyOf(url.pathname, url.searchParams);
}

export function decideImportRedirects({
  candidates,
  livePaths,
}: {
  candidates: readonly RedirectCandidate[];
  livePaths: ReadonlySet<string>;
}): {
  rows: RedirectRow[];
  refused: RefusedRedirect[];
} {
  const rows = new Map<string, string>();
  const refused: RefusedRedirect[] = [];
  for (const { from, to } of candidates) {
    const key = oldUrlKey(from);
    if (!key) {
      refused.push({ from, reason: 'Masthead cannot redirect an address of that shape' });
      continue;
    }
    if (key === to || rows.has(key)) continue;
    const first = key.startsWith('/?') ? null : key.split('/')[1]!;
    if (livePaths.has(key) || (first !== null && RESERVED_TOP_LEVEL_SLUGS.has(first))) {
      refused.push({ from, reason: `${key} is a page of this site, which a redirect would hide` });
      continue;
    }
    rows.set(key, to);
  }
  return { rows: [...rows].map(([fromPath, toPath]) => ({ fromPath, toPath })), refused };
}
