import { apiError, type ApiErrorCode } from '@/lib/api/errors';
import { ACTION_BODY_LIMIT_BYTES, decideActionArguments, decideActionOrigin, isDecodablePath, type Refusal } from '@/lib/security/decide-malformed-request';

/**
 * For proxy.ts: a 4xx answer for a request that Next would otherwise answer with HTTP 500 before any
 * page, action or handler of ours runs (lib/security/decide-malformed-request.ts says which), else
 * null. Reads the body only of server action calls and multipart POSTs, from a clone (Next buffers
 * bodies for the proxy, so the action still gets them).
 */
export async function refuseMalformedRequest(request: Request, pathname: string): Promise<Response | null> {
  if (!isDecodablePath(pathname)) return answer({ status: 400, message: 'Malformed URL: a percent-escape in the path does not decode.' }, pathname);
  if (request.method !== 'POST') return null;
  const contentType = request.headers.get('content-type') ?? '';
  // The same tests as Next's getServerActionRequestMetadata.
  const isAction = request.headers.has('next-action');
  const isMultipart = contentType.startsWith('multipart/form-data');
  if (!isAction && !isMultipart) return null;
  if (isAction) {
    const foreign = decideActionOrigin({
      origin: request.headers.get('origin'),
      forwardedHost: request.headers.get('x-forwarded-host'),
      host: request.headers.get('host'),
    });
    if (foreign) return answer(foreign, pathname);
    if (Number(request.headers.get('content-length') ?? 0) > ACTION_BODY_LIMIT_BYTES) return answer({ status: 413, message: 'The request body is too large.' }, pathname);
    if (contentType === 'application/x-www-form-urlencoded') return null; // Next answers these 404 itself
  }
  if (isMultipart) {
    let form: FormData;
    try {
      form = await request.clone().formData();
    } catch {
      return answer({ status: 400, message: 'Malformed multipart body.' }, pathname);
    }
    if (!isAction) return null; // a form posted without JavaScript: Next decodes and checks it itself
    const root = form.get('0');
    if (typeof root !== 'string') return answer({ status: 400, message: 'Malformed server action request: no arguments.' }, pathname);
    const part = (id: number) => {
      const value = form.get(String(id));
      return value === null ? undefined : typeof value === 'string' ? { kind: 'text' as const, text: value } : { kind: 'file' as const };
    };
    return answer(decideActionArguments({ root, part }));
  }
  return answer(decideActionArguments({ root: await request.clone().text() }));
}

const API_CODES: Record<number, ApiErrorCode> = { 400: 'bad_request', 403: 'forbidden', 413: 'payload_too_large' };

function answer(refusal: Refusal | null, pathname = ''): Response | null {
  if (!refusal) return null;
  // The API answers every error in its one JSON shape, even those refused before its handlers run.
  if (pathname.startsWith('/api/v1/')) {
    const { status, body } = apiError(API_CODES[refusal.status] ?? 'bad_request', refusal.message);
    return Response.json(body, { status, headers: { 'cache-control': 'no-store' } });
  }
  return new Response(refusal.message, { status: refusal.status, headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' } });
}
