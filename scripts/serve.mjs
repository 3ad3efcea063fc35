// @ts-check
/**
 * The production web server: Next's own request handler (the same one `next start` uses) behind a
 * node:http server that answers three kinds of request itself:
 * - **reader pages from memory**: anonymous GET/HEAD of the front page, section, article, author, tag,
 *   campaign and search pages, feeds, sitemaps and robots.txt come from the response cache
 *   (scripts/lib/response-cache.mjs; what is cached: scripts/lib/decide-page-request.mjs), with
 *   brotli/gzip variants made once per page, ETag/304, and `Surrogate-Key`/`Cache-Tag` headers for a
 *   shared cache in front. A miss is rendered by Next through an internal loopback listener, inside an
 *   AsyncLocalStorage scope in which every reader query notes its cache tags (lib/cache/cached.ts), so
 *   the stored page knows what it shows; concurrent misses share one render. Changes purge pages by tag
 *   through the host registered on globalThis (lib/cache/page-cache.ts): this instance's own Server
 *   Actions and jobs, and the change feed for other instances' changes (ADR 0010);
 * - GET/HEAD of a hashed build asset under /_next/static/ from a client that accepts brotli, with the
 *   `.br` copy written by scripts/precompress-assets.mjs (quality 11, cached for a year);
 * - a request target that does not decode (`/%ZZ`) or is longer than 2,048 characters, answered 400,
 *   which Next would answer with a 500 (proxy.ts refuses what reaches Next, but never runs for /_next/…).
 * Everything else (sessions, the dashboard, actions, APIs) goes to Next unchanged, with its gzip.
 *
 *   node scripts/serve.mjs [-p PORT] [-H HOST]      (defaults: PORT from the environment, else 3000; all interfaces)
 *
 * Settings: RESPONSE_CACHE_MB (memory bound of the cache, default 256; 0 turns it off),
 * RESPONSE_CACHE_TTL (seconds a page is kept at most without a purge, default 600: moves time windows
 * such as the news sitemap's 48 hours), SHARED_CACHE_MAX_AGE (the `s-maxage` for Varnish or a CDN,
 * default the TTL), CACHE_STATS=1 (answers GET /__masthead/cache-stats with the cache's counters and the
 * process's memory, for the bench).
 * Used by `npm start`, the e2e tests, the bench, the budget and the security checks. SIGTERM or SIGINT
 * stop accepting connections, let requests in flight finish (at most 10 s), then exit 0.
 * `next start` still works for deployments that prefer it (without brotli or the page cache; see README).
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import { open } from 'node:fs/promises';
import { createServer, request as httpRequest } from 'node:http';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { acceptsBrotli, precompressedHeaders, precompressedType, STATIC_PREFIX, staticAssetPath } from './lib/decide-static-asset.mjs';
import { cachedPageHeaders, decidePageRequest, DROPPED_HEADERS, isEmptyNotFoundShell, isPublicPage, matchesEtag, MAX_URL_LENGTH, negotiateEncoding, NOT_FOUND_ROUTE, storeFor } from './lib/decide-page-request.mjs';
import { ResponseCache } from './lib/response-cache.mjs';
import { precompressStaticAssets } from './precompress-assets.mjs';

const projectDir = path.resolve(import.meta.dirname, '..');
const staticDir = path.join(projectDir, '.next', 'static');
const SHUTDOWN_GRACE_MS = 10_000;
const RENDER_TIMEOUT_MS = 30_000;
/** The header that ties a loopback render to its tag scope (random per render; removed before Next sees it). */
const RENDER_HEADER = 'x-masthead-render';
const PAGE_CACHE_HOST = Symbol.for('masthead.page-cache');
/** Response headers of a render that belong to its connection, not to the page. */
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'content-length', 'content-encoding', 'date']);
/** At most this many recently read pages are rendered again right after a purge. */
const REFRESH_AHEAD = 16;
const log = (/** @type {string} */ line) => console.log(`[serve] ${line}`);

/**
 * `-p`/`--port` and `-H`/`--hostname`, as `next start` takes them.
 * @param {string[]} args
 */
function parseArgs(args) {
  /** @type {{ port?: string; hostname?: string }} */
  const options = {};
  for (let i = 0; i < args.length; i += 2) {
    const [arg, value] = [args[i], args[i + 1]];
    if ((arg === '-p' || arg === '--port') && value) options.port = value;
    else if ((arg === '-H' || arg === '--hostname') && value) options.hostname = value;
    else throw new Error(`Unknown or incomplete argument ${arg}. Usage: node scripts/serve.mjs [-p PORT] [-H HOST]`);
  }
  return options;
}

/**
 * True when every percent-escape in the path of a request target decodes to UTF-8.
 * @param {string} url
 */
function isDecodablePath(url) {
  try {
    decodeURIComponent(url.split('?')[0] ?? '');
    return true;
  } catch {
    return false;
  }
}

/**
 * A number setting (0 or more) from the environment, or the default.
 * @param {string} name
 * @param {number} fallback
 */
function numberSetting(name, fallback) {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0) throw new Error(`${name} must be a number of 0 or more, got ${JSON.stringify(raw)}.`);
  return value;
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const port = Number(options.port ?? process.env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`Invalid port: ${options.port ?? process.env.PORT}`);
  // Next reads these: production mode, and PORT (the change feed names its connection after it). Set before
  // Next (and React, which picks its build from NODE_ENV when first loaded) is imported.
  Object.assign(process.env, { NODE_ENV: 'production', PORT: String(port) });
  const { default: next } = await import('next');

  const { assets, written } = await precompressStaticAssets(projectDir).catch((error) => {
    throw new Error(`No production build in .next (run \`npm run build\`): ${error instanceof Error ? error.message : String(error)}`);
  });
  if (written) log(`Wrote ${written} brotli copies of build assets.`);

  // The response cache and the host through which Next's code notes page tags and purges (lib/cache/page-cache.ts).
  const cacheMb = numberSetting('RESPONSE_CACHE_MB', 256);
  const ttlS = numberSetting('RESPONSE_CACHE_TTL', 600);
  const sharedMaxAgeS = numberSetting('SHARED_CACHE_MAX_AGE', ttlS);
  const statsOn = ['1', 'true'].includes(process.env.CACHE_STATS ?? '');
  // Refresh-ahead: pages readers asked for in the last 10 s are rendered again as soon as a change
  // purges them (at most REFRESH_AHEAD at a time), so the first reader after a publish gets a page that
  // is already rendering or rendered; readers coalesce onto that render as onto any other.
  /** @type {(hotKeys: string[]) => void} */
  let refreshAhead = () => {};
  const cache =
    cacheMb > 0 && ttlS > 0 ? new ResponseCache({ maxBytes: Math.floor(cacheMb * 1024 * 1024), ttlMs: ttlS * 1000, onPurged: (keys) => refreshAhead(keys) }) : null;
  /** @type {AsyncLocalStorage<Set<string>>} */
  const tagScope = new AsyncLocalStorage();
  Object.assign(globalThis, {
    [PAGE_CACHE_HOST]: {
      tagScope,
      purge: (/** @type {readonly string[]} */ tags) => cache?.purge(tags) ?? 0,
      purgeAll: () => cache?.purgeAll() ?? 0,
    },
  });

  /**
   * Ends a response whose answer failed: a bare 500 when nothing was sent yet, else the connection.
   * @param {import('node:http').ServerResponse} res
   * @param {unknown} error
   * @param {string} what
   */
  const failed = (res, error, what) => {
    if ((/** @type {NodeJS.ErrnoException} */ (error)).code !== 'ERR_STREAM_PREMATURE_CLOSE') console.error(`[serve] ${what}`, error);
    if (!res.headersSent) res.writeHead(500).end();
    else res.destroy();
  };

  const server = createServer();
  const app = next({ dev: false, dir: projectDir, hostname: options.hostname ?? 'localhost', port, httpServer: server });
  await app.prepare();
  const handle = app.getRequestHandler();

  /**
   * Sends the brotli copy of a build asset; false when this request is not one (Next answers it).
   * @param {import('node:http').IncomingMessage} req
   * @param {import('node:http').ServerResponse} res
   */
  const sendPrecompressed = async (req, res) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || !req.url?.startsWith(STATIC_PREFIX)) return false;
    const asset = staticAssetPath(req.url);
    const contentType = asset && precompressedType(asset);
    if (!asset || !contentType || !assets.has(asset) || !acceptsBrotli(req.headers['accept-encoding'])) return false;
    const file = await open(path.join(staticDir, `${asset}.br`)).catch(() => null);
    if (!file) return false; // gone since start (a rebuild under a running server): Next answers
    try {
      const { size } = await file.stat();
      res.writeHead(200, precompressedHeaders({ contentType, length: size }));
      if (req.method === 'HEAD') res.end();
      else await pipeline(file.createReadStream({ autoClose: false }), res);
    } finally {
      await file.close();
    }
    return true;
  };

  // Misses are rendered through this loopback listener, each inside the tag scope its header names.
  /** @type {Map<string, Set<string>>} */
  const renderScopes = new Map();
  const renderer = createServer((req, res) => {
    const scope = renderScopes.get(String(req.headers[RENDER_HEADER] ?? ''));
    delete req.headers[RENDER_HEADER];
    if (!scope) {
      res.writeHead(403).end();
      return;
    }
    tagScope.run(scope, () => handle(req, res)).catch((/** @type {unknown} */ error) => failed(res, error, 'render'));
  });
  await new Promise((resolve, reject) => {
    renderer.once('error', reject);
    renderer.listen(0, '127.0.0.1', () => resolve(undefined));
  });
  const renderPort = /** @type {import('node:net').AddressInfo} */ (renderer.address()).port;

  /**
   * Renders `renderUrl` with Next, uncompressed, and collects the cache tags its queries noted.
   * @param {string} renderUrl
   * @param {import('node:http').IncomingMessage | null} incoming the reader's request (null for a refresh-ahead)
   * @returns {Promise<import('./lib/response-cache.mjs').Rendered>}
   */
  const renderPage = (renderUrl, incoming) =>
    new Promise((resolve, reject) => {
      const id = randomUUID();
      /** @type {Set<string>} */
      const tags = new Set();
      renderScopes.set(id, tags);
      const done = () => renderScopes.delete(id);
      const headers = {
        host: incoming?.headers.host ?? `localhost:${port}`,
        accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8',
        'accept-encoding': 'identity',
        'user-agent': 'Masthead page cache',
        [RENDER_HEADER]: id,
      };
      const request = httpRequest({ host: '127.0.0.1', port: renderPort, method: 'GET', path: renderUrl, headers, timeout: RENDER_TIMEOUT_MS }, (response) => {
        /** @type {Buffer[]} */
        const chunks = [];
        response.on('data', (chunk) => chunks.push(chunk));
        response.on('error', (error) => {
          done();
          reject(error);
        });
        response.on('end', () => {
          done();
          /** @type {[string, string][]} */
          const kept = [];
          const raw = response.rawHeaders;
          for (let i = 0; i < raw.length; i += 2) {
            const name = (raw[i] ?? '').toLowerCase();
            if (!HOP_BY_HOP.has(name)) kept.push([name, raw[i + 1] ?? '']);
          }
          resolve({ status: response.statusCode ?? 500, headers: kept, body: Buffer.concat(chunks), tags: [...tags].sort(), setsCookie: 'set-cookie' in response.headers });
        });
      });
      request.on('timeout', () => request.destroy(new Error(`Render of ${renderUrl} took longer than ${RENDER_TIMEOUT_MS} ms`)));
      request.on('error', (error) => {
        done();
        reject(error);
      });
      request.end();
    });

  /**
   * Renders a reader page; when Next answers it with its empty 404 shell, sends the site's 404 page in
   * its place (still a 404), keeping both renders' tags, so a publish at that URL purges it. The 404
   * page is itself a cached page (one render per purge, not one per unknown URL: a flood of random
   * URLs costs one render each, as before).
   * @param {string} renderUrl
   * @param {import('node:http').IncomingMessage | null} incoming
   * @returns {Promise<import('./lib/response-cache.mjs').Rendered>}
   */
  const renderReaderPage = async (renderUrl, incoming) => {
    const rendered = await renderPage(renderUrl, incoming);
    if (!isEmptyNotFoundShell(rendered)) return rendered;
    const { page: notFound } = await fetchPage({ key: NOT_FOUND_ROUTE, renderUrl: NOT_FOUND_ROUTE }, incoming);
    const body = notFound.variants.identity?.body;
    if (!body) return rendered;
    return {
      status: 404,
      headers: notFound.headers,
      body,
      tags: [...new Set([...rendered.tags, ...notFound.tags])].sort(),
      setsCookie: (rendered.setsCookie ?? false) || (notFound.setsCookie ?? false),
    };
  };

  /**
   * The response headers of a page per encoding (flat name/value lists, as writeHead takes them), made
   * once per page: a hit then only adds X-Cache and Age.
   * @type {WeakMap<import('./lib/response-cache.mjs').Page, { public: boolean; byEncoding: Map<string, string[]> }>}
   */
  const preparedHeaders = new WeakMap();
  /** @param {import('./lib/response-cache.mjs').Page} page */
  const prepare = (page) => {
    let prepared = preparedHeaders.get(page);
    if (prepared) return prepared;
    const publicPage = isPublicPage({ status: page.status, setsCookie: page.setsCookie ?? false });
    /** @type {[string, string][]} */
    const common = [];
    if (publicPage) {
      const vary = page.headers.filter(([name]) => name === 'vary').map(([, value]) => value).join(', ');
      for (const [name, value] of page.headers) if (!DROPPED_HEADERS.has(name)) common.push([name, value]);
      const shared = page.superseded ? 0 : page.status === 200 ? sharedMaxAgeS : Math.min(sharedMaxAgeS, 60);
      common.push(...Object.entries(cachedPageHeaders({ tags: page.tags, sharedMaxAgeS: shared, vary })));
    } else {
      common.push(...page.headers);
    }
    const byEncoding = new Map();
    for (const [encoding, variant] of Object.entries(page.variants)) {
      if (!variant) continue;
      /** @type {[string, string][]} */
      const headers = [...common];
      if (publicPage) headers.push(['etag', variant.etag]);
      if (encoding !== 'identity') headers.push(['content-encoding', encoding]);
      headers.push(['content-length', String(variant.body.length)]);
      byEncoding.set(encoding, headers.flat());
    }
    prepared = { public: publicPage, byEncoding };
    preparedHeaders.set(page, prepared);
    return prepared;
  };

  /**
   * Answers from a page of the cache: the client's encoding, 304 when its ETag still matches.
   * @param {import('node:http').IncomingMessage} req
   * @param {import('node:http').ServerResponse} res
   * @param {import('./lib/response-cache.mjs').Page} page
   * @param {string} state
   */
  const sendPage = (req, res, page, state) => {
    const wanted = negotiateEncoding(req.headers['accept-encoding']);
    const encoding = page.variants[wanted] ? wanted : 'identity';
    const variant = page.variants[encoding];
    const prepared = prepare(page);
    const headers = prepared.byEncoding.get(encoding);
    if (!variant || !headers) throw new Error(`A cached page lacks its ${encoding} variant.`);
    const extra = ['x-cache', state, 'age', String(Math.max(0, Math.floor((Date.now() - page.storedAt) / 1000)))];
    if (prepared.public && page.status === 200 && req.headers['if-none-match'] && matchesEtag(req.headers['if-none-match'], page.etags)) {
      /** @type {string[]} */
      const notModified = [];
      for (let i = 0; i < headers.length; i += 2) {
        const name = headers[i] ?? '';
        if (name !== 'content-type' && name !== 'content-length' && name !== 'content-encoding') notModified.push(name, headers[i + 1] ?? '');
      }
      res.writeHead(304, [...notModified, ...extra]);
      res.end();
      return;
    }
    res.writeHead(page.status, [...headers, ...extra]);
    res.end(req.method === 'HEAD' ? undefined : variant.body);
  };

  /**
   * The page a cacheable decision names: stored, or rendered once for every caller asking meanwhile.
   * @param {{ key: string; renderUrl: string; ttlMs?: number }} decision
   * @param {import('node:http').IncomingMessage | null} incoming the reader's request (null for a refresh-ahead)
   */
  const fetchPage = (decision, incoming) => {
    if (!cache) throw new Error('The page cache is off.');
    const ttlMs = decision.ttlMs ?? ttlS * 1000;
    return cache.fetch(
      decision.key,
      () => renderReaderPage(decision.renderUrl, incoming),
      (rendered) => storeFor({ status: rendered.status, setsCookie: rendered.setsCookie ?? false, ttlMs }),
    );
  };

  refreshAhead = (keys) => {
    setImmediate(() => {
      for (const key of keys.slice(0, REFRESH_AHEAD)) {
        const decision = decidePageRequest({ method: 'GET', url: key, headers: {} });
        if (decision.cache) fetchPage(decision, null).catch((/** @type {unknown} */ error) => console.error('[serve] refresh-ahead', key, error));
      }
    });
  };

  const refuse = (/** @type {import('node:http').ServerResponse} */ res, /** @type {string} */ url, /** @type {string} */ message) => {
    // The API answers every error in its one JSON shape (lib/api/errors.ts), these included.
    const api = url.startsWith('/api/v1/');
    res.writeHead(400, { 'content-type': api ? 'application/json; charset=utf-8' : 'text/plain; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
    res.end(api ? JSON.stringify({ error: { code: 'bad_request', message } }) : message);
  };

  server.on('request', (req, res) => {
    const url = req.url ?? '/';
    if (url.length > MAX_URL_LENGTH) return refuse(res, url, `Malformed URL: longer than ${MAX_URL_LENGTH} characters.`);
    if (!isDecodablePath(url)) return refuse(res, url, 'Malformed URL: a percent-escape in the path does not decode.');
    if (statsOn && url === '/__masthead/cache-stats') {
      const body = JSON.stringify({ ...cache?.stats, pages: cache?.size ?? 0, bytes: cache?.bytes ?? 0, maxBytes: cacheMb * 1024 * 1024, rss: process.memoryUsage().rss });
      res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(body);
      return;
    }
    const decision = cache ? decidePageRequest(req) : null;
    // A hit is answered synchronously: no promise, so none of the async bookkeeping Next's
    // AsyncLocalStorage adds to every promise on Node 20.
    const hit = decision?.cache ? cache?.hit(decision.key) : undefined;
    if (hit) {
      try {
        sendPage(req, res, hit, 'HIT');
      } catch (error) {
        failed(res, error, req.url ?? '');
      }
      return;
    }
    const answer = decision?.cache
      ? fetchPage(decision, req).then(({ page, state }) => sendPage(req, res, page, state))
      : sendPrecompressed(req, res).then((sent) => (sent ? undefined : handle(req, res)));
    answer.catch((/** @type {unknown} */ error) => failed(res, error, req.url ?? ''));
  });

  let stopping = false;
  const stop = (/** @type {NodeJS.Signals} */ signal) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: finishing requests in flight, then stopping.`);
    server.close(() => process.exit(0));
    server.closeIdleConnections();
    renderer.close();
    renderer.closeIdleConnections();
    setTimeout(() => {
      server.closeAllConnections();
      process.exit(0);
    }, SHUTDOWN_GRACE_MS).unref();
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);

  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, options.hostname, () => resolve(undefined));
  });
  const cacheNote = cache ? `reader pages cached in memory up to ${cacheMb} MB, ${ttlS} s` : 'page cache off';
  log(`Ready on http://${options.hostname ?? 'localhost'}:${port} (${assets.size} build assets served with brotli; ${cacheNote}).`);
}

main().catch((error) => {
  console.error(`[serve] ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
