import { NextResponse, type NextRequest } from 'next/server';
import { expiredPreviewHtml, previewTokenOfPath } from '@/lib/articles/preview-expired';
import { verifyPreviewToken } from '@/lib/articles/preview-token';
import { getEnv } from '@/lib/env';
import { decidePageRedirect } from '@/lib/redirects/decide-page-redirect';
import { lookupRedirect, redirectKeyOf, withoutTrailingSlash } from '@/lib/redirects/redirect-lookup';
import { isDemoHost } from '@/lib/auth/decide-sign-in-address';
import { isDashboardPath, loginPath } from '@/lib/routes';
import { buildContentSecurityPolicy, cspKindForPath, strictTransportSecurity } from '@/lib/security/decide-security-headers';
import { refuseMalformedRequest } from '@/lib/security/malformed-request';

const SESSION_COOKIES = ['authjs.session-token', '__Secure-authjs.session-token'];

/**
 * Runs before every page and route (not static assets):
 * - answers 400/403/413 for a malformed request that Next would answer with a 500 (a path that does not
 *   decode, a server action call from a foreign Origin or with arguments React cannot decode);
 * - answers 301 for a path the Redirect table moved (a changed slug or section, an imported site's old
 *   permalink such as `/2020/05/12/slug/` or `/?p=123`), from a short cache, and for a list page in its
 *   old `?page=N` form (`/climate?page=2` → `/climate/page/2`); any other path with a trailing slash
 *   answers 308 to the path without it, as Next itself would;
 * - answers 410 Gone for an expired share link (/preview/<token>), which a page cannot do;
 * - sends visitors without a session cookie from /dashboard to /login. Convenience only, never the
 *   security boundary: every page, action and handler checks the session itself;
 * - sets the Content-Security-Policy (a per-request nonce on /dashboard and /login, which Next applies
 *   to its scripts; a fixed policy on cached reader pages) and HSTS when SITE_URL is https;
 * - tells server code which path was requested (x-masthead-path), so requireActor() can come back to it.
 * The headers that never vary are in next.config.js.
 */
export async function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  const malformed = await refuseMalformedRequest(request, pathname);
  if (malformed) return malformed;
  // With no SITE_URL (the demo) the site follows the address it is asked at, but changes only come by
  // localhost or an IP address: a DNS name rebound to this machine must not pass for the site.
  if (request.method !== 'GET' && request.method !== 'HEAD' && getEnv().siteUrlFromRequest && !isDemoHost(request.headers.get('host'))) {
    return new NextResponse('This demo server takes changes only at localhost or an IP address. Set SITE_URL to serve it under a name.', {
      status: 403,
      headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' },
    });
  }
  if (request.method === 'GET' || request.method === 'HEAD') {
    const paged = decidePageRedirect(pathname, request.nextUrl.searchParams);
    if (paged) return NextResponse.redirect(new URL(paged, request.url), 301);
  }
  const redirectKey = request.method === 'GET' || request.method === 'HEAD' ? redirectKeyOf(pathname, request.nextUrl.searchParams) : null;
  if (redirectKey) {
    const target = await lookupRedirect(redirectKey);
    // `/?p=123` names its row by the query: the new address does not need it.
    const query = redirectKey.includes('?') ? '' : search;
    if (target && target !== redirectKey) return NextResponse.redirect(new URL(`${target}${query}`, request.url), 301);
  }
  // Next's own trailing-slash redirect is off (next.config.js), so an old `/slug/` finds its row above first.
  const slashless = withoutTrailingSlash(pathname);
  if (slashless) return NextResponse.redirect(new URL(`${slashless}${search}`, request.url), 308);
  const previewToken = previewTokenOfPath(pathname);
  if (previewToken !== null) {
    const env = getEnv();
    const check = env.AUTH_SECRET ? verifyPreviewToken({ token: previewToken, secret: env.AUTH_SECRET }) : null;
    if (check && !check.ok && check.reason === 'expired') {
      const csp = buildContentSecurityPolicy({ kind: cspKindForPath(pathname), nonce: undefined, dev: process.env.NODE_ENV === 'development', https: env.siteUrl.startsWith('https:') });
      return new NextResponse(request.method === 'HEAD' ? null : expiredPreviewHtml(env.SITE_NAME, env.SITE_LANGUAGE), {
        status: 410,
        headers: {
          'content-type': 'text/html; charset=utf-8',
          'cache-control': 'no-store',
          'content-security-policy': csp,
          ...(env.siteUrl.startsWith('https:') ? { 'strict-transport-security': strictTransportSecurity(true) ?? '' } : {}),
        },
      });
    }
  }
  if (isDashboardPath(pathname)) {
    const hasSession = SESSION_COOKIES.some((name) => request.cookies.has(name) || request.cookies.has(`${name}.0`));
    if (!hasSession) return NextResponse.redirect(new URL(loginPath(`${pathname}${search}`), request.url));
  }
  const https = (process.env.SITE_URL ?? '').startsWith('https:');
  const kind = cspKindForPath(pathname);
  const nonce = kind === 'app' ? btoa(crypto.randomUUID()) : undefined;
  const csp = buildContentSecurityPolicy({ kind, nonce, dev: process.env.NODE_ENV === 'development', https });

  const requestHeaders = new Headers(request.headers);
  requestHeaders.set('x-masthead-path', `${pathname}${search}`);
  if (nonce) {
    requestHeaders.set('x-nonce', nonce);
    requestHeaders.set('content-security-policy', csp);
  }
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set('content-security-policy', csp);
  const hsts = strictTransportSecurity(https);
  if (hsts) response.headers.set('strict-transport-security', hsts);
  return response;
}

export const config = {
  matcher: ['/((?!_next/static|_next/image|favicon.ico).*)'],
};
