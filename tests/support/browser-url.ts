/**
 * What a browser makes of a URL in an href or src, for tests: the WHATWG URL parser (which strips
 * leading and trailing C0 controls and spaces and removes tabs and newlines anywhere, as browsers do)
 * resolving against a page of this site. Used as the oracle that `isSafeUrl` is checked against.
 */
export const PAGE_URL = 'https://masthead.test/section/article';

/** The scheme a browser would navigate to or fetch (e.g. "https:", "javascript:"), or null when the URL does not parse. */
export function browserScheme(raw: string): string | null {
  try {
    return new URL(raw, PAGE_URL).protocol;
  } catch {
    return null;
  }
}

/** True when a browser would treat `raw` as http(s) or mailto, and a relative URL stays on this site. */
export function isBrowserSafe(raw: string, { allowMailto = true }: { allowMailto?: boolean } = {}): boolean {
  let url: URL;
  try {
    url = new URL(raw, PAGE_URL);
  } catch {
    return true; // an unparsable URL goes nowhere
  }
  if (url.protocol === 'mailto:') return allowMailto;
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
  const hasScheme = /^[\s\u0000-\u001f]*[a-z][a-z0-9+.-]*:/i.test(raw);
  return hasScheme || url.origin === new URL(PAGE_URL).origin;
}

/** Decodes the five entities React and HTML serialisers emit in attribute values, plus numeric ones. */
export function decodeHtmlAttribute(value: string): string {
  return value
    .replace(/&#x([0-9a-f]+);?/gi, (_m, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&#(\d+);?/g, (_m, dec: string) => String.fromCodePoint(Number(dec)))
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}
