// @ts-check
/**
 * The production web server: Next's own request handler (the same one `next start` uses, with its
 * gzip compression, routing, proxy.ts and headers) behind a node:http server that answers two kinds of
 * request itself: GET/HEAD of a hashed build asset under /_next/static/ from a client that accepts
 * brotli, with the `.br` copy written by scripts/precompress-assets.mjs (quality 11, Content-Encoding:
 * br, cached for a year); and a path whose percent-escapes do not decode (`/%ZZ`), answered 400, which
 * Next answers 500 (proxy.ts answers it too, but Next never runs the proxy for /_next/… or
 * /favicon.ico…). Everything else, including a missing copy, goes to Next unchanged. Next's
 * route handlers cannot do this: `next start` compresses their bytes again or drops Content-Encoding.
 * Why: brotli makes the reader pages' JavaScript (Next's and React's runtime) fit its 120 KB budget.
 *
 *   node scripts/serve.mjs [-p PORT] [-H HOST]      (defaults: PORT from the environment, else 3000; all interfaces)
 *
 * Used by `npm start`, the e2e tests, the bench, the budget and the security checks. Stateless: the
 * only thing it keeps is the list of brotli copies of the immutable build, made at start. SIGTERM or
 * SIGINT stop accepting connections, let requests in flight finish (at most 10 s), then exit 0.
 * `next start` still works for deployments that prefer it (without brotli; see README).
 */
import { open } from 'node:fs/promises';
import { createServer } from 'node:http';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { acceptsBrotli, precompressedHeaders, precompressedType, STATIC_PREFIX, staticAssetPath } from './lib/decide-static-asset.mjs';
import { precompressStaticAssets } from './precompress-assets.mjs';

const projectDir = path.resolve(import.meta.dirname, '..');
const staticDir = path.join(projectDir, '.next', 'static');
const SHUTDOWN_GRACE_MS = 10_000;
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

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const port = Number(options.port ?? process.env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`Invalid port: ${options.port ?? process.env.PORT}`);
  // Next reads these: production mode, and PORT for the scheduler's calls to its own server. Set before
  // Next (and React, which picks its build from NODE_ENV when first loaded) is imported.
  Object.assign(process.env, { NODE_ENV: 'production', PORT: String(port) });
  const { default: next } = await import('next');

  const { assets, written } = await precompressStaticAssets(projectDir).catch((error) => {
    throw new Error(`No production build in .next (run \`npm run build\`): ${error instanceof Error ? error.message : String(error)}`);
  });
  if (written) log(`Wrote ${written} brotli copies of build assets.`);

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

  server.on('request', (req, res) => {
    if (!isDecodablePath(req.url ?? '/')) {
      res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
      res.end('Malformed URL: a percent-escape in the path does not decode.');
      return;
    }
    sendPrecompressed(req, res)
      .then((sent) => (sent ? undefined : handle(req, res)))
      .catch((error) => {
        if ((/** @type {NodeJS.ErrnoException} */ (error)).code !== 'ERR_STREAM_PREMATURE_CLOSE') console.error('[serve]', error);
        if (!res.headersSent) res.writeHead(500).end();
        else res.destroy();
      });
  });

  let stopping = false;
  const stop = (/** @type {NodeJS.Signals} */ signal) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: finishing requests in flight, then stopping.`);
    server.close(() => process.exit(0));
    server.closeIdleConnections();
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
  log(`Ready on http://${options.hostname ?? 'localhost'}:${port} (${assets.size} build assets served with brotli).`);
}

main().catch((error) => {
  console.error(`[serve] ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
