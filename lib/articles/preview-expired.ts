/** What a reader sees for an expired share link, both on the page and in proxy.ts's HTTP 410 answer. */
export const PREVIEW_EXPIRED = {
  title: 'This preview link has expired',
  body: 'Preview links work for 48 hours. Ask the editor who shared it for a new one.',
} as const;

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

/** A small self-contained HTML page for the 410 answer (no scripts, no external resources). */
export function expiredPreviewHtml(siteName: string, lang = 'en'): string {
  const { title, body } = PREVIEW_EXPIRED;
  return `<!doctype html>
<html lang="${escapeHtml(lang)}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex, nofollow"><title>${escapeHtml(title)} | ${escapeHtml(siteName)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem;color:#171717}h1{font-family:Georgia,serif}p{color:#404040}a{color:#1e40af}</style></head>
<body><main id="main" role="alert"><h1>${escapeHtml(title)}</h1><p>${escapeHtml(body)}</p><p><a href="/">${escapeHtml(siteName)} home page</a></p></main></body></html>`;
}

/** The share-link token of a `/preview/<token>` path, or null for any other path or a malformed escape. */
export function previewTokenOfPath(pathname: string): string | null {
  const match = /^\/preview\/([^/]+)$/.exec(pathname);
  if (!match?.[1]) return null;
  try {
    return decodeURIComponent(match[1]);
  } catch {
    return null;
  }
}
