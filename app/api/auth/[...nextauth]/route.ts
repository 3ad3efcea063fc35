import { handlers } from '@/lib/auth/next-auth';
import { THROTTLE_WINDOW_MS, throttleWindowStart } from '@/lib/auth/decide-login-throttle';
import { rejectForeignOrigin } from '@/lib/security/origin';

export const { GET } = handlers;

/**
 * Auth.js's POST endpoints (sign-in, sign-out, session update), same-origin only. A throttled credentials sign-in (authorize threw ThrottledSignIn, which
 * Auth.js turns into a redirect with `code=throttled`) is answered 429 with Retry-After instead, so
 * scripts hammering the endpoint get a clear refusal.
 */
export async function POST(request: Request): Promise<Response> {
  // Auth.js also checks its own CSRF token; a foreign or missing Origin is refused before that.
  const foreign = rejectForeignOrigin(request);
  if (foreign) return foreign;
  const response = await handlers.POST(request as Parameters<typeof handlers.POST>[0]);
  const location = response.headers.get('location') ?? '';
  let throttled = false;
  try {
    throttled = new URL(location, 'http://x').searchParams.get('code') === 'throttled';
  } catch {
    throttled = false;
  }
  if (!throttled) return response;
  const now = Date.now();
  const retryAfter = Math.max(1, Math.ceil((throttleWindowStart(new Date(now)).getTime() + THROTTLE_WINDOW_MS - now) / 1000));
  return Response.json(
    { error: 'Too many sign-in attempts. Try again later.' },
    { status: 429, headers: { 'retry-after': String(retryAfter), 'cache-control': 'no-store' } },
  );
}
