import { createHmac, timingSafeEqual } from 'node:crypto';

/** What a reader link may do: confirm a subscription (double opt-in), unsubscribe, or open the preferences page. */
export type TokenPurpose = 'confirm' | 'unsubscribe' | 'preferences';

/** A verified token's content: the subscriber, and for confirm and unsubscribe the newsletters it names (`all` for every one). */
export type ReaderToken = { purpose: TokenPurpose; subscriberId: string; newsletterIds: string[] | 'all'; expiresAt: Date | null };

/** How long each kind of link works: confirmation links a week; unsubscribe and preferences links in old emails keep working. */
export const TOKEN_LIFETIME_MS: Record<TokenPurpose, number | null> = { confirm: 7 * 24 * 3600_000, unsubscribe: null, preferences: null };

const VERSION = 'r1';
const ID = /^[A-Za-z0-9_-]{1,40}$/;

const mac = (secret: string, data: string) => createHmac('sha256', secret).update(data).digest('base64url');

/**
 * A compact signed token for a reader link (`r1.<payload>.<mac>`, base64url): HMAC-SHA256 with `secret`
 * over the purpose and payload, so a token made for one purpose never passes as another, and any
 * change to it fails. Ids must be plain (letters, digits, `_`, `-`). Pure but for the clock passed in.
 */
export function signReaderToken({
  purpose,
  subscriberId,
  newsletterIds = 'all',
  secret,
  now = new Date(),
}: {
  purpose: TokenPurpose;
  subscriberId: string;
  newsletterIds?: string[] | 'all';
  secret: string;
  now?: Date;
}): string {
  if (secret.length < 16) throw new Error('A reader token needs a secret of at least 16 characters (AUTH_SECRET).');
  const ids = newsletterIds === 'all' ? ['*'] : newsletterIds;
  if (!ID.test(subscriberId) || !ids.every((id) => id === '*' || ID.test(id))) throw new Error('Reader tokens carry plain ids only.');
  const lifetime = TOKEN_LIFETIME_MS[purpose];
  const expires = lifetime === null ? 0 : Math.floor((now.getTime() + lifetime) / 1000);
  const payload = Buffer.from(JSON.stringify([subscriberId, ids, expires])).toString('base64url');
  return `${VERSION}.${payload}.${mac(secret, `${VERSION}.${purpose}.${payload}`)}`;
}

/**
 * The content of a token made by `signReaderToken` for `purpose` with `secret`, or null when it is
 * malformed, signed for another purpose or with another secret, altered, or expired at `now`.
 */
export function verifyReaderToken(
  token: unknown,
  { purpose, secret, now = new Date() }: { purpose: TokenPurpose; secret: string; now?: Date },
): ReaderToken | null {
  if (typeof token !== 'string' || token.length > 2_000) return null;
  const [version, payload, signature, extra] = token.split('.');
  if (version !== VERSION || !payload || !signature || extra !== undefined) return null;
  const expected = Buffer.from(mac(secret, `${VERSION}.${purpose}.${payload}`));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  if (!Array.isArray(parsed) || parsed.length !== 3) return null;
  const [subscriberId, ids, expires] = parsed as [unknown, unknown, unknown];
  if (typeof subscriberId !== 'string' || !Array.isArray(ids) || typeof expires !== 'number') return null;
  if (expires !== 0 && expires * 1000 < now.getTime()) return null;
  const all = ids.length === 1 && ids[0] === '*';
  return {
    purpose,
    subscriberId,
    newsletterIds: all ? 'all' : ids.map(String),
    expiresAt: expires === 0 ? null : new Date(expires * 1000),
  };
}
