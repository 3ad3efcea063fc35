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
