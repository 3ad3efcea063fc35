import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * A receiver's check of a Standard Webhooks signature, written from the specification
 * (github.com/standard-webhooks/standard-webhooks, spec/standard-webhooks.md) with node:crypto alone, so
 * the tests do not verify our signatures with the library that made them: the key is the base64 after
 * `whsec_`; the signed content is `${webhook-id}.${webhook-timestamp}.${body}`; `webhook-signature` is
 * space-separated `v1,<base64 HMAC-SHA256>` entries, any one of which may match; the timestamp must be
 * within `toleranceSeconds` of now. Returns the parsed body, or throws saying why it is refused.
 */
export function verifyStandardWebhook(
  secret: string,
  body: string,
  headers: Record<string, string | string[] | undefined>,
  { now = new Date(), toleranceSeconds = 300 }: { now?: Date; toleranceSeconds?: number } = {},
): unknown {
  const one = (name: string) => {
    const value = headers[name];
    if (typeof value !== 'string' || value === '') throw new Error(`missing ${name}`);
    return value;
  };
  const id = one('webhook-id');
  const timestamp = one('webhook-timestamp');
  const signatures = one('webhook-signature');
  if (!/^\d+$/.test(timestamp) || Math.abs(now.getTime() / 1000 - Number(timestamp)) > toleranceSeconds)
    throw new Error('timestamp outside tolerance');
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  const expected = createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest();
  const matches = signatures.split(' ').some((entry) => {
    const [version, signature] = entry.split(',');
    if (version !== 'v1' || !signature) return false;
    const given = Buffer.from(signature, 'base64');
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
  if (!matches) throw new Error('no signature matches');
  return JSON.parse(body);
}
