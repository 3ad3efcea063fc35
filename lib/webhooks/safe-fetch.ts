import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { decideWebhookUrl, EMPTY_ALLOWLIST, isPermittedAddress, type Allowlist } from '@/lib/webhooks/decide-target';

/** What one delivery attempt came to; `refused` when the target itself was not allowed (retrying cannot help). */
export type DeliveryResult = {
  ok: boolean;
  status: number | null;
  durationMs: number;
  responseExcerpt: string;
  error: string | null;
  refused: boolean;
};

/** Resolves a host name to all its addresses (the system resolver by default; tests pass their own). */
export type Resolver = (hostname: string) => Promise<LookupAddress[]>;

const systemResolver: Resolver = (hostname) =>
  new Promise((resolve, reject) =>
    dnsLookup(hostname, { all: true, verbatim: true }, (error, addresses) => (error ? reject(error) : resolve(addresses))),
  );

/** Read at most this much of a receiver's response; the rest is never buffered. */
export const MAX_RESPONSE_BYTES = 64 * 1024;
/** How much of the response the delivery log keeps. */
export const EXCERPT_CHARS = 1024;
const USER_AGENT = 'Masthead-Webhooks/1';
const REFUSED = 'EWEBHOOKREFUSED';

const refusal = (message: string) => Object.assign(new Error(message), { code: REFUSED });

/**
 * A `lookup` for `http.request` that resolves once, refuses the host if any of its addresses is not
 * permitted (public, or in the allowlist's ranges; `trustHost` skips that check for an allowlisted
 * name), and hands the socket exactly the addresses it checked, so the connection is pinned to them and
 * a DNS answer that changes between check and connect (rebinding) cannot slip in. Handles both the
 * single-address and the `all: true` (happy eyeballs) form.
 */
export function checkedLookup({
  resolve = systemResolver,
  allowlist,
  trustHost,
}: {
  resolve?: Resolver;
  allowlist: Allowlist;
  trustHost: boolean;
}): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname).then(
      (addresses) => {
        const refused = trustHost ? undefined : addresses.find((a) => !isPermittedAddress(a.address, allowlist));
        if (refused) return callback(refusal(`${hostname} resolves to ${refused.address}, which is not a public address`), '', 0);
        const family = options.family === 4 || options.family === 6 ? options.family : 0;
        const usable = addresses.filter((a) => family === 0 || a.family === family);
        const [first] = usable;
        if (!first) return callback(Object.assign(new Error(`${hostname} has no address`), { code: 'ENOTFOUND' }), '', 0);
        if (options.all) return callback(null, usable);
        callback(null, first.address, first.family);
      },
      (error: NodeJS.ErrnoException) => callback(error, '', 0),
    );
  };
}

/** The error text of a failed request: our refusal as written, others with their code. */
function errorText(error: NodeJS.ErrnoException): string {
  if (error.code === REFUSED) return `refused: ${error.message}`;
  return error.code ? `${error.code}: ${error.message}` : error.message;
}

/**
 * POSTs `body` to a webhook endpoint once and reports how it went; never throws. The URL must pass
 * `decideWebhookUrl`, and every address its host resolves to is checked again at connect time
 * (`checkedLookup`; an IP literal is checked before, as Node does not look it up). Redirects are not
 * followed (a 3xx is a failure with its status), the whole attempt (DNS, connect, TLS, response) ends
 * after `timeoutMs`, at most `maxResponseBytes` of the response are read and `EXCERPT_CHARS` of it kept.
 * `ok` is a 2xx status.
 */
export async function deliverWebhook({
  url,
  body,
  headers = {},
  timeoutMs = 10_000,
  allowlist = EMPTY_ALLOWLIST,
  maxResponseBytes = MAX_RESPONSE_BYTES,
  resolve,
}: {
  url: string;
  body: string;
  headers?: Record<string, string>;
  timeoutMs?: number;
  allowlist?: Allowlist;
  maxResponseBytes?: number;
  resolve?: Resolver;
}): Promise<DeliveryResult> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const target = decideWebhookUrl(url, { allowlist });
  if (!target.ok)
    return { ok: false, status: null, durationMs: elapsed(), responseExcerpt: '', error: `refused: ${target.reason}`, refused: true };
  const { url: parsed, host, allowlisted } = target;
  const client = parsed.protocol === 'https:' ? https : http;

  return new Promise<DeliveryResult>((settle) => {
    let status: number | null = null;
    let settled = false;
    const chunks: Buffer[] = [];
    let received = 0;
    const finish = (outcome: { error: string | null; refused?: boolean }) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      request.destroy();
      const text = Buffer.concat(chunks).toString('utf8').slice(0, EXCERPT_CHARS);
      const ok = outcome.error === null && status !== null && status >= 200 && status < 300;
      settle({ ok, status, durationMs: elapsed(), responseExcerpt: text, error: outcome.error, refused: outcome.refused ?? false });
    };
    let request: http.ClientRequest;
    try {
      request = client.request(
        {
          method: 'POST',
          hostname: host,
          port: parsed.port || undefined,
          path: `${parsed.pathname}${parsed.search}`,
          headers: {
            'content-type': 'application/json',
            'user-agent': USER_AGENT,
            ...headers,
            'content-length': String(Buffer.byteLength(body)),
          },
          lookup: checkedLookup({ resolve, allowlist, trustHost: allowlisted }),
          agent: false,
        },
        (response) => {
          status = response.statusCode ?? null;
          const redirected = status !== null && status >= 300 && status < 400;
          const done = () => {
            if (redirected)
              return finish({ error: `redirect not followed (${status} to ${String(response.headers.location ?? '').slice(0, 200)})` });
            finish({ error: status !== null && status >= 200 && status < 300 ? null : `HTTP ${status}` });
          };
          response.on('data', (chunk: Buffer) => {
            const room = maxResponseBytes - received;
            if (room > 0) chunks.push(chunk.subarray(0, room));
            received += chunk.length;
            if (received >= maxResponseBytes) done();
          });
          response.on('end', done);
          // The receiver answered; a connection lost mid-body does not change what its status said.
          response.on('error', done);
          response.on('close', done);
        },
      );
    } catch (error) {
      // Node refuses some requests before sending anything (a header with a line break, say).
      return settle({
        ok: false,
        status: null,
        durationMs: elapsed(),
        responseExcerpt: '',
        error: errorText(error as NodeJS.ErrnoException),
        refused: false,
      });
    }
    const timer = setTimeout(() => finish({ error: `timed out after ${timeoutMs} ms` }), timeoutMs);
    request.on('error', (error: NodeJS.ErrnoException) => finish({ error: errorText(error), refused: error.code === REFUSED }));
    request.end(body);
  });
}
