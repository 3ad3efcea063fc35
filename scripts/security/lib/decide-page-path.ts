/** Pure: which URL serves a server action, from the build manifest's worker page name. */

/** The URL path of a worker page such as `app/(dashboard)/dashboard/articles/[id]/page`, with `params` filled in. */
export function pagePath(page: string, params: Record<string, string> = {}): string {
  const segments = page
    .replace(/^app\//, '')
    .replace(/\/page$/, '')
    .split('/')
    .filter((s) => !/^\(.*\)$/.test(s))
    .map((s) => {
      const dynamic = /^\[(?:\.\.\.)?(.+)\]$/.exec(s);
      return dynamic ? encodeURIComponent(params[dynamic[1]!] ?? 'x') : s;
    });
  return `/${segments.join('/')}`;
}
