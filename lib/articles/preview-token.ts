import { createHmac, timingSafeEqual } from 'node:crypto';

/** How long a share link works. */
export const PREVIEW_TTL_MS = 48 * 60 * 60 * 1000;

const mac = (secret: string, articleId: string, expires: number) =>
  createHmac('sha256', secret).update(`preview:${articleId}:${expires}`).digest('base64url');

/** A share-link token for an article's preview: article id, expiry and an HMAC over both. */
export function signPreviewToken({ articleId, secret, now = Date.now(), ttlMs = PREVIEW_TTL_MS }: { articleId: string; secret: string; now?: number; ttlMs?: number }) {
  const expires = now + ttlMs;
  return { token: `${articleId}.${expires}.${mac(secret, articleId, expires)}`, expiresAt: new Date(expires) };
}

export type PreviewTokenCheck = { ok: true; articleId: string; expiresAt: Date } | { ok: false; reason: 'invalid' | 'expired' };

/** Checks a share-link token: a bad signature or shape is "invalid", a good one past its time "expired". */
export function verifyPreviewToken({ token, secret, now = Date.now() }: { token: string; secret: string; now?: number }): PreviewTokenCheck {
  const parts = token.split('.');
  if (parts.length !== 3) return { ok: false, reason: 'invalid' };
  const [articleId, expiresRaw, signature] = parts as [string, string, string];
  if (!/^[a-z0-9]{1,40}$/i.test(articleId) || !/^\d{1,15}$/.test(expiresRaw)) return { ok: false, reason: 'invalid' };
  const expires = Number(expiresRaw);
  const expected = Buffer.from(mac(secret, articleId, expires));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, reason: 'invalid' };
  if (expires <= now) return { ok: false, reason: 'expired' };
  return { ok: true, articleId, expiresAt: new Date(expires) };
}
