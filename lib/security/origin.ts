import 'server-only';
import { getEnv } from '@/lib/env';
import { isDemoHost } from '@/lib/auth/decide-sign-in-address';
import { isSameOrigin } from '@/lib/security/decide-security-headers';

/**
 * For route handlers that change state: a 403 response when the request's Origin is missing or not
 * this site's (SITE_URL), else null. Server Actions need no such call: Next compares their Origin with
 * the Host itself, and proxy.ts answers a mismatch 403 before Next would (with a 500).
 */
export function rejectForeignOrigin(request: Request): Response | null {
  const env = getEnv();
  // With no SITE_URL (the demo), the site is wherever the request came: its own Host.
  const site = env.siteUrlFromRequest ? requestOrigin(request) : env.siteUrl;
  if (site && isSameOrigin(request.headers.get('origin'), site)) return null;
  return Response.json({ error: 'This request must come from the site itself.' }, { status: 403 });
}

/** The origin a request was addressed to (its Host header, on the URL's scheme), or null unless the Host is one the demo follows. */
function requestOrigin(request: Request): string | null {
  const host = request.headers.get('host');
  if (!host || !isDemoHost(host)) return null;
  try {
    return new URL(`${new URL(request.url).protocol}//${host}`).origin;
  } catch {
    return null;
  }
}
