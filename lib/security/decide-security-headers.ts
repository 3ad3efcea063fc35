/**
 * Security headers. Two Content-Security-Policies:
 * - `app` (/dashboard, /login): scripts only with this response's nonce ('strict-dynamic' lets them load
 *   Next's chunks). Pages there are rendered per request anyway, so a per-request nonce costs nothing.
 * - `reader` (everything else): reader pages are cached HTML shared by every visitor, where a
 *   per-request nonce would defeat the cache, so scripts are limited to this origin plus Next's inline
 *   bootstrap ('unsafe-inline'); everything else is locked down the same way.
 * Styles allow 'unsafe-inline' on both (React and Next set style attributes; CSS cannot run script).
 */
export type CspKind = 'app' | 'reader';

export function buildContentSecurityPolicy({ kind, nonce, dev, https }: { kind: CspKind; nonce?: string; dev: boolean; https: boolean }): string {
  const eval_ = dev ? " 'unsafe-eval'" : '';
  const script = kind === 'app' && nonce ? `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${eval_}` : `script-src 'self' 'unsafe-inline'${eval_}`;
  return [
    "default-src 'self'",
    script,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src 'self'${dev ? ' ws:' : ''}`,
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'self'",
    ...(https ? ['upgrade-insecure-requests'] : []),
  ].join('; ');
}

/** Which policy a path gets. */
export function cspKindForPath(pathname: string): CspKind {
  return /^\/(dashboard|login)(\/|$)/.test(pathname) ? 'app' : 'reader';
}

/** HSTS, only when the site is served over https (two years, subdomains). */
export function strictTransportSecurity(https: boolean): string | null {
  return https ? 'max-age=63072000; includeSubDomains' : null;
}

/**
 * True when a state-changing request comes from this site: its Origin header equals the site's origin.
 * A missing Origin is refused too (every browser sends it on POST; scripts must set it).
 */
export function isSameOrigin(originHeader: string | null, siteUrl: string): boolean {
  if (!originHeader) return false;
  try {
    return new URL(originHeader).origin === new URL(siteUrl).origin;
  } catch {
    return false;
  }
}
