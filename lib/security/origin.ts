import 'server-only';
import { getEnv } from '@/lib/env';
import { isSameOrigin } from '@/lib/security/decide-security-headers';

/**
 * For route handlers that change state: a 403 response when the request's Origin is missing or not
 * this site's (SITE_URL), else null. Server Actions need no such call: Next compares their Origin with
 * the Host itself, and proxy.ts answers a mismatch 403 before Next would (with a 500).
 */
export function rejectForeignOrigin(request: Request): Response | null {
  if (isSameOrigin(request.headers.get('origin'), getEnv().siteUrl)) return null;
  return Response.json({ error: 'This request must come from the site itself.' }, { status: 403 });
}
