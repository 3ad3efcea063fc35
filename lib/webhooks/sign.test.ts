import { createHmac, timingSafeEqual } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { generateWebhookSecret, isWebhookSecret, signWebhook, type WebhookHeaders } from '@/lib/webhooks/sign';

/**
 * A receiver written from the Standard Webhooks specification alone, sharing no code with the package:
 * the key is the base64 after `whsec_`; the signed content is `${id}.${timestamp}.${body}`; the header
 * holds space-separated `v1,<base64 HMAC-SHA256>` signatures; timestamps more than 5 minutes away fail.
 */
function verifyFromSpec(secret: string, headers: WebhookHeaders, body: string, now = Date.now()): boolean {
  const timestamp = Number(headers['webhook-timestamp']);
  if (!Number.isInteger(timestamp) || Math.abs(now / 1000 - timestamp) > 300) return false;
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  const expected = createHmac('sha256', key).update(`${headers['webhook-id']}.${headers['webhook-timestamp']}.${body}`).digest();
  return headers['webhook-signature'].split(' ').some((entry) => {
    const [version, signature] = entry.split(',');
    if (version !== 'v1' || !signature) return false;
    const given = Buffer.from(signature, 'base64');
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
}

const body = JSON.stringify({
  type: 'article.published',
  timestamp: '2026-01-02T03:04:05.000Z',
  data: { object: { id: 'a1', headline: 'Ünïcode “quotes”' } },
});

describe('generateWebhookSecret', () => {
  it('makes distinct whsec_ secrets of 32 random bytes', () => {
    const a = generateWebhookSecret();
    const b = generateWebhookSecret();
    expect(a).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(Buffer.from(a.slice(6), 'base64')).toHaveLength(32);
    expect(a).not.toBe(b);
    expect(isWebhookSecret(a)).toBe(true);
  });
});

describe('isWebhookSecret', () => {
  it.each([
    '',
    'whsec_',
    'sk_abc',
    `whsec_${Buffer.alloc(16).toString('base64')}`,
    `whsec_${Buffer.alloc(65).toString('base64')}`,
    'whsec_not base64!',
    'whsec_YWJj',
  ])('refuses %j', (secret) => expect(isWebhookSecret(secret)).toBe(false));
});

describe('signWebhook', () => {
  const secret = generateWebhookSecret();

  it('sets the three headers: the id, the timestamp in seconds, a v1 signature', () => {
    const headers = signWebhook({ id: 'msg_42_ep1', timestamp: new Date('2026-01-02T03:04:05.678Z'), body, secrets: [secret] });
    expect(headers['webhook-id']).toBe('msg_42_ep1');
    expect(headers['webhook-timestamp']).toBe(String(Date.parse('2026-01-02T03:04:05Z') / 1000));
    expect(headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]{43}=$/);
  });

  it('reproduces the reference test vector of the Standard Webhooks (Svix) libraries', () => {
    const vector = {
      id: 'msg_p5jXN8AQM9LWM0D4loKWxJek',
      timestamp: new Date(1614265330 * 1000),
      body: '{"test": 2432232314}',
      secrets: ['whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw'],
    };
    const headers = signWebhook(vector);
    expect(headers['webhook-signature']).toBe('v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=');
    expect(verifyFromSpec(vector.secrets[0] ?? '', headers, vector.body, 1614265330 * 1000)).toBe(true);
  });

  it('verifies with an independent implementation of the specification and with the package', () => {
    const headers = signWebhook({ id: 'msg_42_ep1', timestamp: new Date(), body, secrets: [secret] });
    expect(verifyFromSpec(secret, headers, body)).toBe(true);
    expect(new Webhook(secret).verify(body, headers)).toEqual(JSON.parse(body));
  });

  it('fails both checks for a tampered body, another id, another secret or an old timestamp', () => {
    const headers = signWebhook({ id: 'msg_42_ep1', timestamp: new Date(), body, secrets: [secret] });
    const tampered = body.replace('a1', 'a2');
    expect(verifyFromSpec(secret, headers, tampered)).toBe(false);
    expect(() => new Webhook(secret).verify(tampered, headers)).toThrow(/No matching signature/);

    const otherId = { ...headers, 'webhook-id': 'msg_43_ep1' };
    expect(verifyFromSpec(secret, otherId, body)).toBe(false);
    expect(() => new Webhook(secret).verify(body, otherId)).toThrow();

    const otherSecret = generateWebhookSecret();
    expect(verifyFromSpec(otherSecret, headers, body)).toBe(false);
    expect(() => new Webhook(otherSecret).verify(body, headers)).toThrow();

    const old = signWebhook({ id: 'msg_42_ep1', timestamp: new Date(Date.now() - 10 * 60_000), body, secrets: [secret] });
    expect(verifyFromSpec(secret, old, body)).toBe(false);
    expect(() => new Webhook(secret).verify(body, old)).toThrow(/too old/);
  });

  it('cannot be moved to another timestamp: the timestamp is signed', () => {
    const headers = signWebhook({ id: 'msg_1', timestamp: new Date(Date.now() - 60_000), body, secrets: [secret] });
    const moved = { ...headers, 'webhook-timestamp': String(Math.floor(Date.now() / 1000)) };
    expect(verifyFromSpec(secret, moved, body)).toBe(false);
    expect(() => new Webhook(secret).verify(body, moved)).toThrow();
  });

  it('signs with every secret during a rotation, so a receiver holding either verifies', () => {
    const next = generateWebhookSecret();
    const headers = signWebhook({ id: 'msg_7', timestamp: new Date(), body, secrets: [secret, next] });
    expect(headers['webhook-signature'].split(' ')).toHaveLength(2);
    for (const s of [secret, next]) {
      expect(verifyFromSpec(s, headers, body)).toBe(true);
      expect(() => new Webhook(s).verify(body, headers)).not.toThrow();
    }
  });

  it('refuses a malformed id or secret instead of signing something unverifiable', () => {
    const timestamp = new Date();
    expect(() => signWebhook({ id: 'msg.1', timestamp, body, secrets: [secret] })).toThrow(/message id/);
    expect(() => signWebhook({ id: '', timestamp, body, secrets: [secret] })).toThrow(/message id/);
    expect(() => signWebhook({ id: 'msg_1', timestamp, body, secrets: [] })).toThrow(/secrets/);
    expect(() => signWebhook({ id: 'msg_1', timestamp, body, secrets: ['whsec_short'] })).toThrow(/secrets/);
  });
});
