/**
 * Decides whether a URL from untrusted input may appear in a link or image: http(s), mailto, or a path
 * relative to this site. Control characters and whitespace tricks (`java\tscript:`) are rejected, not
 * stripped, so what is stored is exactly what was checked.
 */
export function isSafeUrl(raw: string, { allowMailto = true }: { allowMailto?: boolean } = {}): boolean {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > 2048) return false;
  if (/[\u0000-\u0020\u007f-\u009f\u2028\u2029\\]/.test(raw)) return false;
  if (raw.startsWith('//')) return false; // protocol-relative: leaves the site without saying where
  if (raw.startsWith('/') || raw.startsWith('#') || raw.startsWith('?')) return true;
  const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(raw)?.[1]?.toLowerCase();
  if (!scheme) return false; // bare words like "example.com" are ambiguous; ask for a full URL
  if (scheme === 'http' || scheme === 'https') {
    try {
      const url = new URL(raw);
      return url.hostname.length > 0;
    } catch {
      return false;
    }
  }
  return allowMailto && scheme === 'mailto' && raw.length > 'mailto:'.length;
}
