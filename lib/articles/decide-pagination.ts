/**
 * Reads the page number of a list (`/x/page/N`, which next.config.js rewrites to `?page=N`): undefined or "1" is page 1; any other value must be a whole number from 2 up,
 * written canonically ("02" and "1.5" are not). Returns null for anything else, which pages answer
 * with 404 so that crawlers never index junk pagination URLs.
 */
export function parsePageParam(raw: string | string[] | undefined): number | null {
  if (raw === undefined) return 1;
  if (Array.isArray(raw)) return null;
  if (!/^[1-9]\d{0,5}$/.test(raw)) return null;
  return Number(raw);
}
