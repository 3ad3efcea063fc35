import 'server-only';
import { createHash } from 'node:crypto';
import { apiError, apiErrorOf, type ApiError } from '@/lib/api/errors';
import type { Actor } from '@/lib/auth/actor';
import { clientIpFromHeaders } from '@/lib/auth/client-ip';
import { revalidateContent } from '@/lib/cache/tags';
import { getDb, type Db } from '@/lib/db';
import { getEnv } from '@/lib/env';
import { authenticateKey, type ApiCaller } from '@/lib/integrations/authenticate-key';
import { keyOfRequest } from '@/lib/integrations/decide-key';
import { consumeApiCall, type RateDecision } from '@/lib/integrations/rate-limit';
import type { Operation, Outcome } from '@/lib/operations/operation';

/** What a handler gets: the request, its URL and path parameters, the caller, and the one database. */
export type ApiRequest = { request: Request; url: URL; params: Record<string, string>; caller: ApiCaller; db: Db; ip: string | null };

/** What a handler answers: a JSON body with its status (200 unless said), or a prepared Response. */
export type ApiAnswer = { status?: number; body: unknown; headers?: Record<string, string> } | Response;

type Handler = (req: ApiRequest) => Promise<ApiAnswer>;
type RouteContext = { params: Promise<Record<string, string | string[]>> } | undefined;

/** The Content API answers any origin: it serves published content, and keys sent from browsers are public by design. */
const CORS_HEADERS = {
  'access-control-allow-origin': '*',
  'access-control-allow-headers': 'Authorization, If-None-Match, Content-Type',
  'access-control-expose-headers': 'ETag, RateLimit-Limit, RateLimit-Remaining, RateLimit-Reset, Retry-After',
  'access-control-max-age': '86400',
};

/** The most a JSON body may be: a long article's document with room to spare. */
export const MAX_JSON_BYTES = 2 * 1024 * 1024;

/**
 * A Content API route (GET): any valid key (content or admin; Bearer, or `?key=` as Ghost allows),
 * rate-limited per key, CORS for every origin, a strong ETag over the body and 304 on `If-None-Match`.
 */
export function contentRoute(handler: Handler) {
  return (request: Request, context: RouteContext) => run(request, context, handler, { scope: 'content' });
}

/**
 * An Admin API route: an admin key only (a content key is 403), rate-limited per key; the handler runs
 * operations as the integration's own user (`runOperation`).
 */
export function adminRoute(handler: Handler) {
  return (request: Request, context: RouteContext) => run(request, context, handler, { scope: 'admin' });
}

/** The CORS preflight of a Content API route: no key needed (browsers send none on OPTIONS). */
export function contentPreflight() {
  return () => new Response(null, { status: 204, headers: { ...CORS_HEADERS, 'access-control-allow-methods': 'GET, HEAD, OPTIONS' } });
}

/**
 * Runs an operation as the calling integration and purges what readers see differently after the
 * commit, as the Server Action and job adapters do. AppErrors reach the route adapter, which answers
 * them in the API's error shape.
 */
export async function runOperation<T>(req: ApiRequest, operation: Operation<T>, input: unknown): Promise<Outcome<T>> {
  const actor: Actor | null = req.caller.actor;
  if (!actor) throw new ApiFailure(apiError('forbidden', 'This key can only read: writes need an admin key.'));
  const outcome = await operation({ actor, ip: req.ip, input, db: req.db });
  if (outcome.change?.content) revalidateContent(outcome.change.content);
  return outcome;
}

/** Thrown by a handler or a helper to answer with this API error (auth, body, and content-type refusals). */
export class ApiFailure extends Error {
  constructor(readonly apiError: ApiError) {
    super(apiError.body.error.message);
  }
}

/**
 * The request's JSON body: 415 unless it says `application/json`, 413 above `MAX_JSON_BYTES`, 400 when
 * it does not parse. What it holds is the operation's to check.
 */
export async function readJsonBody(request: Request): Promise<unknown> {
  const type = (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/json')
    throw new ApiFailure(apiError('unsupported_media_type', 'Send the body as JSON, with Content-Type: application/json.'));
  const text = await readLimited(request, MAX_JSON_BYTES);
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiFailure(apiError('bad_request', 'The body is not valid JSON.'));
  }
}

/** The body as text, refusing (413) one longer than `max` bytes, whatever Content-Length claims. */
export async function readLimited(request: Request, max: number): Promise<string> {
  const declared = Number(request.headers.get('content-length') ?? '0');
  const tooLarge = () => new ApiFailure(apiError('payload_too_large', `The body is larger than ${Math.round(max / 1024)} KB.`));
  if (declared > max) throw tooLarge();
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

const UNAUTHORIZED = {
  missing: 'Send an API key: Authorization: Bearer <key> (integrations are created by admins in the dashboard).',
  header: 'The Authorization header must be "Bearer <key>".',
  malformed: 'That is not a Masthead API key: keys look like mh_content_… or mh_admin_….',
  unknown: 'This API key is not valid: it may have been rotated. Ask an admin for the current key.',
  revoked: 'This API key was revoked.',
} as const;

async function run(
  request: Request,
  context: RouteContext,
  handler: Handler,
  { scope }: { scope: 'content' | 'admin' },
): Promise<Response> {
  const url = new URL(request.url);
  const extra: Record<string, string> = scope === 'content' ? { ...CORS_HEADERS } : {};
  try {
    const db = getDb();
    const sent = keyOfRequest(request.headers, url, { allowQuery: scope === 'content' });
    if (sent === null) throw new ApiFailure(apiError('unauthorized', UNAUTHORIZED.missing));
    if (typeof sent !== 'string') throw new ApiFailure(apiError('unauthorized', UNAUTHORIZED.header));
    const checked = await authenticateKey(db, sent);
    if (!checked.ok) throw new ApiFailure(apiError('unauthorized', UNAUTHORIZED[checked.reason]));
    const { caller } = checked;
    if (scope === 'admin' && caller.scope !== 'admin')
      throw new ApiFailure(apiError('forbidden', 'This is a content key: it can only read. Writes need an admin key.'));
    const env = getEnv();
    const rate = await consumeApiCall(db, {
      scope: caller.scope,
      keyId: caller.integrationId,
      limit: caller.scope === 'admin' ? env.API_RATE_LIMIT_ADMIN : env.API_RATE_LIMIT_CONTENT,
    });
    Object.assign(extra, rateHeaders(rate));
    if (!rate.allowed) {
      extra['retry-after'] = String(rate.resetSeconds);
      throw new ApiFailure(
        apiError('rate_limited', `Too many requests for this key: at most ${rate.limit} a minute. Try again in ${rate.resetSeconds} s.`),
      );
    }
    // A route without dynamic segments gets no params at all.
    const params = flatParams((await context?.params) ?? {});
    const answer = await handler({ request, url, params, caller, db, ip: clientIpFromHeaders(request.headers) });
    if (answer instanceof Response) {
      for (const [k, v] of Object.entries(extra)) answer.headers.set(k, v);
      return answer;
    }
    return json(request, answer.status ?? 200, answer.body, { ...extra, ...answer.headers });
  } catch (error) {
    const failure = error instanceof ApiFailure ? error.apiError : apiErrorOf(error);
    if (failure.status >= 500) console.error('[api]', request.method, url.pathname, error);
    return json(request, failure.status, failure.body, { ...extra, 'cache-control': 'no-store' });
  }
}

function json(request: Request, status: number, body: unknown, headers: Record<string, string>): Response {
  const text = JSON.stringify(body);
  const out = new Headers({ 'content-type': 'application/json; charset=utf-8', 'x-content-type-options': 'nosniff', ...headers });
  if (status === 200 && (request.method === 'GET' || request.method === 'HEAD')) {
    const etag = `"${createHash('sha256').update(text).digest('base64url').slice(0, 27)}"`;
    out.set('etag', etag);
    if (!out.has('cache-control')) out.set('cache-control', 'private, no-cache');
    if (etagMatches(request.headers.get('if-none-match'), etag)) return new Response(null, { status: 304, headers: out });
  } else if (!out.has('cache-control')) out.set('cache-control', 'no-store');
  return new Response(request.method === 'HEAD' ? null : text, { status, headers: out });
}

/** Whether an `If-None-Match` header names this ETag (a list, `*`, or a weak form of it). */
export function etagMatches(header: string | null, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((t) => t.trim().replace(/^W\//, '') === etag);
}

/** The IETF RateLimit headers (draft-ietf-httpapi-ratelimit-headers), as GitHub and others send them. */
function rateHeaders(rate: RateDecision): Record<string, string> {
  return {
    'ratelimit-limit': String(rate.limit),
    'ratelimit-remaining': String(rate.remaining),
    'ratelimit-reset': String(rate.resetSeconds),
  };
}

function flatParams(params: Record<string, string | string[]>): Record<string, string> {
  return Object.fromEntries(Object.entries(params).map(([k, v]) => [k, Array.isArray(v) ? v.join('/') : v]));
}
