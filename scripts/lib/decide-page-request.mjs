// @ts-check
/**
 * Pure decisions of the response cache (scripts/lib/response-cache.mjs, used by scripts/serve.mjs):
 * which requests a cached page may answer, under which key and rendered from which URL, which encoding
 * a client gets, whether its ETag still matches, and the headers a cached page is sent with.
 * No I/O: tested in decide-page-request.test.ts.
 */

/** Longest request target (path and query) the server accepts; longer ones answer 400 before Next. */
export const MAX_URL_LENGTH = 2048;

/** Paths that are never cached: the dashboard, sign-in, APIs, previews, a reader's own newsletter pages (their links carry the token), build files and media (cached by browsers and CDNs for a year). */
const BYPASS = /^\/(?:dashboard|login|logout|api|preview|newsletters|_next|media)(?:\/|$)/;

/** Request headers of Next's client router (RSC payloads, prefetches) and Server Actions: never a cached page. */
const ROUTER_HEADERS = ['rsc', 'next-router-prefetch', 'next-router-state-tree', 'next-router-segment-prefetch', 'next-action'];

/** A session cookie of Auth.js, plain or chunked (`….0`), on http or https. */
const SESSION_COOKIE = /(?:^|;\s*)(?:__Secure-)?authjs\.session-token(?:\.\d+)?=/;

/** How long a search results page is kept: results change with every publish, and queries are endless. */
export const SEARCH_TTL_MS = 60_000;
/** How long a 404 is kept: briefly, and it is purged anyway when anything is published. */
export const NOT_FOUND_TTL_MS = 60_000;

/**
 * @typedef {{ method?: string; url?: string; headers: Record<string, string | string[] | undefined> }} RequestLike
 * @typedef {{ cache: false; reason: string } | { cache: true; key: string; renderUrl: string; ttlMs?: number }} PageRequestDecision
 */

/**
 * Whether the response cache may answer this request, and if so its key and the URL to render on a
 * miss (the key itself: what is rendered is exactly what is stored). Only anonymous GET/HEAD of reader
 * pages: a session cookie, an Authorization header, the client router's and Server Actions' headers,
 * and the bypassed paths all go to Next. The query string is dropped, except on the search page, whose
 * query is normalised (trimmed, spaces collapsed) and kept with its page; a list page's old `?page=N`
 * goes to Next, whose proxy answers it with a 301 to `/…/page/N`.
 * `Cache-Control: no-cache` alone does not bypass: the cache is purged on every change, so it is never
 * stale, and honouring it would let any client make every request a render. Editors, who see drafts
 * and previews, have a session and are never served from it.
 * @param {RequestLike} req
 * @returns {PageRequestDecision}
 */
export function decidePageRequest(req) {
  if (req.method !== 'GET' && req.method !== 'HEAD') return { cache: false, reason: 'method' };
  const url = req.url ?? '/';
  const q = url.indexOf('?');
  const pathname = q === -1 ? url : url.slice(0, q);
  if (!pathname.startsWith('/') || BYPASS.test(pathname)) return { cache: false, reason: 'path' };
  const headers = req.headers;
  if (headers.authorization) return { cache: false, reason: 'authorization' };
  const cookie = headerValue(headers.cookie);
  if (cookie && SESSION_COOKIE.test(cookie)) return { cache: false, reason: 'session' };
  if (ROUTER_HEADERS.some((name) => headers[name] !== undefined)) return { cache: false, reason: 'router' };
  const search = new URLSearchParams(q === -1 ? '' : url.slice(q + 1));
  if (search.has('_rsc')) return { cache: false, reason: 'router' };
  if (pathname === '/search') {
    const params = new URLSearchParams();
    const query = (search.get('q') ?? '').trim().replace(/\s+/g, ' ');
    if (query) params.set('q', query);
    const page = search.get('page');
    if (page !== null) params.set('page', page);
    const qs = params.toString();
    const key = qs ? `/search?${qs}` : '/search';
    return { cache: true, key, renderUrl: key, ttlMs: SEARCH_TTL_MS };
  }
  if (search.has('page')) return { cache: false, reason: 'redirect' };
  return { cache: true, key: pathname, renderUrl: pathname };
}

/**
 * @param {string | string[] | undefined} value
 * @returns {string}
 */
function headerValue(value) {
  return Array.isArray(value) ? value.join('; ') : (value ?? '');
}

/**
 * The encoding to send: brotli when the client takes it, else gzip, else none (`Accept-Encoding` with
 * q-values; `q=0` refuses one, `*` stands for the others).
 * @param {string | string[] | undefined} acceptEncoding
 * @returns {'br' | 'gzip' | 'identity'}
 */
export function negotiateEncoding(acceptEncoding) {
  const header = headerValue(acceptEncoding);
  const known = negotiated.get(header);
  if (known) return known;
  const chosen = parseAndChoose(header);
  if (negotiated.size < 256) negotiated.set(header, chosen); // browsers send a handful of distinct values
  return chosen;
}

/** @type {Map<string, 'br' | 'gzip' | 'identity'>} */
const negotiated = new Map();

/**
 * @param {string} header
 * @returns {'br' | 'gzip' | 'identity'}
 */
function parseAndChoose(header) {
  const accepted = new Map();
  for (const part of header.split(',')) {
    const [name = '', ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const quality = qParam ? Number(qParam.slice(2)) : 1;
    accepted.set(name.trim(), Number.isFinite(quality) ? quality : 0);
  }
  const wants = (/** @type {string} */ name) => (accepted.get(name) ?? accepted.get('*') ?? 0) > 0;
  if (wants('br')) return 'br';
  if (wants('gzip')) return 'gzip';
  return 'identity';
}

/**
 * True when `If-None-Match` names one of the page's ETags (weak comparison, `*` matches any).
 * @param {string | string[] | undefined} ifNoneMatch
 * @param {readonly string[]} etags
 */
export function matchesEtag(ifNoneMatch, etags) {
  const header = headerValue(ifNoneMatch);
  if (!header) return false;
  const bare = (/** @type {string} */ tag) => tag.trim().replace(/^W\//, '');
  const known = new Set(etags.map(bare));
  return header.split(',').some((tag) => bare(tag) === '*' || known.has(bare(tag)));
}

/**
 * What a cached page is stored for: 200s until a purge (at most `ttlMs`), 404s briefly; anything else
 * (redirects, errors, a response that sets a cookie) is not stored. `ttlMs` of 0 means do not store.
 * @param {{ status: number; setsCookie: boolean; ttlMs: number }} response
 */
export function storeFor({ status, setsCookie, ttlMs }) {
  if (!isPublicPage({ status, setsCookie })) return 0;
  return status === 404 ? Math.min(ttlMs, NOT_FOUND_TTL_MS) : ttlMs;
}

/**
 * True for a response any reader may be given, and a shared cache keep: a 200 or 404 that sets no
 * cookie. Other responses are sent as Next made them.
 * @param {{ status: number; setsCookie: boolean }} response
 */
export function isPublicPage({ status, setsCookie }) {
  return !setsCookie && (status === 200 || status === 404);
}

/**
 * The caching headers of a cached page, for browsers and for shared caches in front (Varnish, a CDN):
 * browsers revalidate every time (a 304 from memory is cheap, and news must not be stale), shared
 * caches keep the page for `sharedMaxAgeS` and are purged earlier by tag (CACHE_PURGE_URL). The tags
 * go out as `Surrogate-Key` (Varnish xkey, Fastly; space-separated) and `Cache-Tag` (comma-separated).
 * @param {{ tags: readonly string[]; sharedMaxAgeS: number; vary?: string }} page
 * @returns {Record<string, string>}
 */
export function cachedPageHeaders({ tags, sharedMaxAgeS, vary = '' }) {
  const varyNames = new Set(vary.split(',').map((v) => v.trim()).filter(Boolean));
  varyNames.add('Accept-Encoding');
  /** @type {Record<string, string>} */
  const headers = {
    'cache-control': `public, max-age=0, must-revalidate, s-maxage=${Math.max(0, Math.floor(sharedMaxAgeS))}`,
    vary: [...varyNames].join(', '),
  };
  if (tags.length) {
    headers['surrogate-key'] = tags.join(' ');
    headers['cache-tag'] = tags.join(',');
  }
  return headers;
}

/** Response headers of Next's that a cached page does not keep: hop-by-hop, per-response, or replaced by the cache's own. */
export const DROPPED_HEADERS = new Set([
  'connection',
  'keep-alive',
  'transfer-encoding',
  'content-length',
  'content-encoding',
  'date',
  'etag',
  'cache-control',
  'vary',
  'set-cookie',
  'x-nextjs-cache',
  'x-nextjs-prerender',
  'x-nextjs-stale-time',
]);

/**
 * True when a body of this Content-Type is worth compressing.
 * @param {string | undefined} contentType
 */
export function isCompressible(contentType) {
  return /^(?:text\/|application\/(?:json|xml|rss\+xml|atom\+xml|javascript|ld\+json|manifest\+json)|image\/svg\+xml)/i.test(contentType ?? '');
}

/** The route Next renders for a URL no route matches: app/not-found.tsx, server-rendered. */
export const NOT_FOUND_ROUTE = '/_not-found';

/**
 * True for the empty page Next 16 answers a page's `notFound()` with in production: 404, HTML, and
 * `<html id="__next_error__">` with nothing in its body, the not-found page existing only in the data
 * for the browser to build after hydration (vercel/next.js#62228). The production server sends the
 * server-rendered NOT_FOUND_ROUTE in its place, so a reader without JavaScript and a crawler see a page.
 * @param {{ status: number; headers: readonly (readonly [string, string])[]; body: Buffer | string }} rendered
 */
export function isEmptyNotFoundShell({ status, headers, body }) {
  if (status !== 404) return false;
  const type = headers.find(([name]) => name.toLowerCase() === 'content-type')?.[1] ?? '';
  if (!type.startsWith('text/html')) return false;
  const head = typeof body === 'string' ? body.slice(0, 200) : body.subarray(0, 200).toString('latin1');
  return /<html[^>]*\bid="__next_error__"/.test(head);
}
