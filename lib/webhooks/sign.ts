import { randomBytes } from 'node:crypto';
import { Webhook } from 'standardwebhooks';

/** The three Standard Webhooks headers sent with every delivery. */
export type WebhookHeaders = { 'webhook-id': string; 'webhook-timestamp': string; 'webhook-signature': string };

const SECRET_PREFIX = 'whsec_';
const SECRET_BYTES = 32;
const MESSAGE_ID = /^[A-Za-z0-9_-]{1,128}$/;

/** A new endpoint secret: `whsec_` and 32 random bytes in base64, the form Standard Webhooks libraries accept. */
export function generateWebhookSecret(): string {
  return `${SECRET_PREFIX}${randomBytes(SECRET_BYTES).toString('base64')}`;
}

/** Whether `secret` is `whsec_` and base64 of 24 to 64 bytes, as the Standard Webhooks specification asks. */
export function isWebhookSecret(secret: string): boolean {
  if (!secret.startsWith(SECRET_PREFIX)) return false;
  const encoded = secret.slice(SECRET_PREFIX.length);
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(encoded) || encoded.length % 4 !== 0) return false;
  const bytes = Buffer.from(encoded, 'base64').length;
  return bytes >= 24 && bytes <= 64;
}

/**
 * Signs one delivery attempt with the `standardwebhooks` package: `webhook-signature` is `v1,<base64
 * HMAC-SHA256 of "id.timestamp.body">`, one per secret separated by spaces (during a rotation the old
 * and new secret both sign, so a receiver with either verifies). `id` stays the same on every retry and
 * replay of a message; `timestamp` is the attempt's own time, so a retry hours later still passes a
 * receiver's five-minute tolerance. `body` must be the exact bytes sent. Throws on a malformed id or secret.
 */
export function signWebhook({
  id,
  timestamp,
  body,
  secrets,
}: {
  id: string;
  timestamp: Date;
  body: string;
  secrets: readonly string[];
}): WebhookHeaders {
  if (!MESSAGE_ID.test(id)) throw new Error('A webhook message id is 1 to 128 letters, digits, "_" or "-".');
  if (secrets.length === 0 || !secrets.every(isWebhookSecret))
    throw new Error('Webhook secrets are whsec_ followed by base64 of 24 to 64 bytes.');
  const signatures = secrets.map((secret) => new Webhook(secret).sign(id, timestamp, body));
  return {
    'webhook-id': id,
    'webhook-timestamp': String(Math.floor(timestamp.getTime() / 1000)),
    'webhook-signature': signatures.join(' '),
  };
}
