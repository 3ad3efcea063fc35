/**
 * Whether cookies carry the Secure flag (and the __Secure- prefix): when the site is served over https.
 * Decided from SITE_URL, not NODE_ENV, because the e2e suite and a local `npm start` run a production
 * build over plain http://, where a Secure cookie would never be sent back.
 */
export function decideCookieSecurity(siteUrl: string): { secure: boolean } {
  return { secure: new URL(siteUrl).protocol === 'https:' };
}
