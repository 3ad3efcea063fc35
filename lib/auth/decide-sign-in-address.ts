/**
 * True for a Host header the demo (no SITE_URL) may follow: localhost (and *.localhost), or an IP
 * address, with or without a port. A DNS name is refused: pointed at 127.0.0.1 by DNS rebinding, an
 * outside page would otherwise pass for the site itself and sign in with the demo's known accounts.
 */
export function isDemoHost(host: string | null | undefined): boolean {
  if (!host) return false;
  const name = host.toLowerCase().replace(/:\d{1,5}$/, '');
  if (name === 'localhost' || name.endsWith('.localhost')) return true;
  if (/^\[[0-9a-f:.]+\]$/.test(name)) return true; // IPv6 literal
  return /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.test(name) && name.split('.').every((n) => Number(n) <= 255);
}

/**
 * Whether the sign-in page is open on an address where signing in cannot work: SITE_URL is set and the
 * browser came by another host (127.0.0.1 for localhost, an internal name for the public one). Auth.js
 * sends the browser to SITE_URL after signing in, where the session cookie set on this host does not
 * exist, so the form would simply show again. Returns the address to use instead, or null when all is well.
 */
export function signInAddressProblem({ siteUrl, siteUrlFromRequest, host }: { siteUrl: string; siteUrlFromRequest: boolean; host: string | null }): { use: string; here: string } | null {
  if (siteUrlFromRequest || !host) return null;
  let site: URL;
  try {
    site = new URL(siteUrl);
  } catch {
    return null;
  }
  if (site.host.toLowerCase() === host.toLowerCase()) return null;
  return { use: site.origin, here: host };
}
