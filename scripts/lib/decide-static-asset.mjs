// @ts-check
/**
 * Pure decisions of the production server (scripts/serve.mjs) about Next's hashed build assets under
 * /_next/static/: which file a request may name, whether the client takes brotli, and the headers of a
 * precompressed answer. No file system, no network: tested in decide-static-asset.test.ts.
 */

/** The URL prefix of Next's build assets; everything under it has a content hash in its name. */
export const STATIC_PREFIX = '/_next/static/';

/** File types worth precompressing, with the Content-Type Next itself sends for them. */
export const PRECOMPRESSED_TYPES = /** @type {const} */ ({
  '.js': 'application/javascript; charset=UTF-8',
  '.css': 'text/css; charset=UTF-8',
});

/**
 * The asset path relative to `.next/static/` that a request URL names, or null when the URL is not a
 * build asset or is unsafe: encoded or plain `..` segments, backslashes, NUL, empty or dot segments,
 * and anything that does not decode are all refused, so the result can never leave the folder.
 * The query string is ignored (Next adds `?dpl=` in some deployments).
 * @param {string} url request URL as it arrives (`req.url`: path and query)
 * @returns {string | null}
 */
export function staticAssetPath(url) {
  const pathname = url.split('?', 1)[0] ?? '';
  if (!pathname.startsWith(STATIC_PREFIX)) return null;
  let decoded;
  try {
    decoded = decodeURIComponent(pathname.slice(STATIC_PREFIX.length));
  } catch {
    return null;
  }
  if (decoded === '' || decoded.includes('\\') || decoded.includes('\0')) return null;
  const segments = decoded.split('/');
  if (segments.some((segment) => segment === '' || segment === '.' || segment === '..')) return null;
  return segments.join('/');
}

/**
 * True when the Accept-Encoding header accepts brotli: `br` or `*` listed with a q-value above 0
 * (an explicit `br;q=0` refuses it even when `*` is accepted). Missing header: no.
 * @param {string | string[] | undefined} acceptEncoding
 * @returns {boolean}
 */
export function acceptsBrotli(acceptEncoding) {
  const header = Array.isArray(acceptEncoding) ? acceptEncoding.join(',') : (acceptEncoding ?? '');
  /** @type {Map<string, number>} */
  const weights = new Map();
  for (const part of header.split(',')) {
    const [name = '', ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    let q = 1;
    for (const param of params) {
      const [key, value] = param.trim().split('=');
      if (key === 'q') q = value !== undefined && /^(0(\.\d{0,3})?|1(\.0{0,3})?)$/.test(value) ? Number(value) : 0;
    }
    weights.set(name.trim(), q);
  }
  const br = weights.get('br');
  if (br !== undefined) return br > 0;
  return (weights.get('*') ?? 0) > 0;
}

/**
 * The Content-Type of a precompressible asset path, or null for other types (served by Next as usual).
 * @param {string} assetPath
 * @returns {string | null}
 */
export function precompressedType(assetPath) {
  const dot = assetPath.lastIndexOf('.');
  const extension = dot === -1 ? '' : assetPath.slice(dot);
  return Object.hasOwn(PRECOMPRESSED_TYPES, extension) ? PRECOMPRESSED_TYPES[/** @type {keyof typeof PRECOMPRESSED_TYPES} */ (extension)] : null;
}

/**
 * Headers of a brotli-precompressed build asset. Kept short on purpose: every byte of every script
 * response counts against the reader pages' JavaScript budget. The asset names carry a content
 * hash, so they are cached for a year; `Vary` tells caches that another client may get gzip.
 * `nosniff` is the one fixed security header that matters for a script; the others in
 * next.config.js (frame, referrer, opener, permissions policies) only apply to documents.
 * @param {{ contentType: string; length: number }} file
 * @returns {Record<string, string>}
 */
export function precompressedHeaders({ contentType, length }) {
  return {
    'Content-Type': contentType,
    'Content-Encoding': 'br',
    'Content-Length': String(length),
    'Cache-Control': 'public, max-age=31536000, immutable',
    Vary: 'Accept-Encoding',
    'X-Content-Type-Options': 'nosniff',
  };
}
