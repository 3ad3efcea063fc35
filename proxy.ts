import { NextResponse, type NextRequest } from 'next/server';

const SESSION_COOKIES = ['authjs.session-token', '__Secure-authjs.session-token'];

/**
 * Convenience only, never the security boundary (every page, action and handler checks the session
 * itself): sends visitors without a session cookie from /dashboard to /login, and tells server code
 * which path was requested (x-masthead-path) so requireActor() can come back to it after sign-in.
 */
export function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  if (pathname === '/dashboard' || pathname.startsWith('/dashboard/')) {
    const hasSession = SESSION_COOKIES.some((name) => request.cookies.has(name) || request.cookies.has(`${name}.0`));
    if (!hasSession) {
      const url = new URL('/login', request.url);
      url.search = new URLSearchParams({ callbackUrl: `${pathname}${search}` }).toString();
      return NextResponse.redirect(url);
    }
  }
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set('x-masthead-path', `${pathname}${search}`);
  return NextResponse.next({ request: { headers: requestHeaders } });
}

export const config = {
  matcher: ['/((?!_next/static|_next/image|media/|favicon.ico).*)'],
};
