import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Integration keys (issue #12): `mh_<scope>_<id>_<secret>`, e.g. `mh_content_k3v9q2m7x4pa_…`. The id
 * finds the row, the secret proves the caller holds the key; only the secret's SHA-256 is stored. A
 * plain hash is right here, unlike for passwords (argon2): the secret is 32 random bytes, so there is
 * nothing to guess and a slow hash would only slow every API call. The scope in the text lets a
 * reader (and secret scanners) tell a read-only key from a write key at a glance, as GitHub's and
 * Stripe's prefixed keys do; the stored row's scope is what counts.
 */
export type KeyScope = 'content' | 'admin';

export type GeneratedKey = { key: string; publicId: string; secretHash: string; scope: KeyScope };

const ID_ALPHABET = 'abcdefghijkmnpqrstuvwxyz23456789';
const ID_LENGTH = 12;
const SECRET_BYTES = 32;
const KEY_PATTERN = new RegExp(`^mh_(content|admin)_([${ID_ALPHABET}]{${ID_LENGTH}})_([A-Za-z0-9_-]{43})$`);

/** A new key: the text to show once, and what to store. `random` is for tests. */
export function generateKey(scope: KeyScope, random: (size: number) => Buffer = randomBytes): GeneratedKey {
  const idBytes = random(ID_LENGTH);
  const publicId = Array.from(idBytes, (b) => ID_ALPHABET[b % ID_ALPHABET.length]).join('');
  const secret = random(SECRET_BYTES).toString('base64url');
  return { key: `mh_${scope}_${publicId}_${secret}`, publicId, secretHash: hashSecret(secret), scope };
}

/** The parts of a key's text, or null for anything that is not one (the caller answers 401). */
export function parseKey(text: string): { scope: KeyScope; publicId: string; secret: string } | null {
  const match = KEY_PATTERN.exec(text);
  if (!match) return null;
  return { scope: match[1] as KeyScope, publicId: match[2]!, secret: match[3]! };
}

/** The stored form of a secret: SHA-256, hex. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/** Whether `secret` is the one whose hash is stored, in constant time. */
export function secretMatches(secret: string, storedHash: string): boolean {
  const a = Buffer.from(hashSecret(secret), 'hex');
  const b = Buffer.from(storedHash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * The key a request sends: `Authorization: Bearer <key>`, or for the read-only Content API also
 * `?key=<key>` (public by design, as Ghost's Content API key is). Returns null when none is sent and
 * `{ malformed: true }` when an Authorization header is there but is not a Bearer key, so the API can
 * say which.
 */
export function keyOfRequest(headers: Headers, url: URL, { allowQuery }: { allowQuery: boolean }): string | null | { malformed: true } {
  const authorization = headers.get('authorization');
  if (authorization !== null) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    return match ? match[1]! : { malformed: true };
  }
  const fromQuery = allowQuery ? url.searchParams.get('key') : null;
  return fromQuery || null;
}
