/**
 * Where to send a user after sign-in: the requested path when it is a local path inside the site,
 * else the dashboard home. Rejects absolute and protocol-relative URLs (open redirects).
 */
export function decideCallbackUrl(raw: unknown): string {
  if (typeof raw !== 'string' || raw.length > 2000) return '/dashboard';
  if (!raw.startsWith('/') || raw.startsWith('//') || raw.startsWith('/\\') || /[\u0000-\u001f]/.test(raw)) return '/dashboard';
  if (raw.startsWith('/login') || raw.startsWith('/api/')) return '/dashboard';
  return raw;
}
