import { listPagePath, parseListPagePath } from '@/lib/routes';

/** The paths whose later pages have a path of their own: the front, a section, an author, a tag. */
const LIST_PATH = /^\/(?:(?:authors|tags)\/)?[a-z0-9-]*$/;

/**
 * Where an old-style or non-canonical list page URL moves permanently, or null when it does not:
 * `/climate?page=3` → `/climate/page/3`, `/?page=2` → `/page/2`, `?page=1` and `/climate/page/1` →
 * `/climate`. Other query parameters are kept. A `page` value that is not a page number is not
 * redirected: the page answers it with 404. Pure; proxy.ts answers the 301.
 */
export function decidePageRedirect(pathname: string, search: URLSearchParams): string | null {
  const later = parseListPagePath(pathname);
  if (later && later.page === 1) return withSearch(later.path, search);
  if (!LIST_PATH.test(pathname) || pathname.startsWith('/search') || !search.has('page')) return null;
  const values = search.getAll('page');
  if (values.length !== 1 || !/^[1-9]\d{0,5}$/.test(values[0] ?? '')) return null;
  const rest = new URLSearchParams(search);
  rest.delete('page');
  return withSearch(listPagePath(pathname, Number(values[0])), rest);
}

function withSearch(path: string, search: URLSearchParams): string {
  const qs = search.toString();
  return qs ? `${path}?${qs}` : path;
}
