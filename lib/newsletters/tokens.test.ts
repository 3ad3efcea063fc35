import { describe, expect, it } from 'vitest';
import { signReaderToken, verifyReaderToken } from '@/lib/newsletters/tokens';

const secret = 'a-test-secret-of-some-length';
const now = new Date('2026-12-02T10:00:00Z');

describe('reader tokens', () => {
  it('a confirmation token names the subscriber and newsletters, and works for a week only', () => {
    const token = signReaderToken({ purpose: 'confirm', subscriberId: 'sub1', newsletterIds: ['daily', 'science'], secret, now });
    expect(verifyReaderToken(token, { purpose: 'confirm', secret, now })).toEqual({
      purpose: 'confirm',
      subscriberId: 'sub1',
      newsletterIds: ['daily', 'science'],
      expiresAt: new Date('2026-12-09T10:00:00Z'),
    });
    expect(verifyReaderToken(token, { purpose: 'confirm', secret, now: new Date('2026-12-09T10:00:01Z') })).toBeNull();
  });

  it('an unsubscribe token never expires, and is refused as any other purpose', () => {
    const token = signReaderToken({ purpose: 'unsubscribe', subscriberId: 'sub1', newsletterIds: ['daily'], secret, now });
    expect(verifyReaderToken(token, { purpose: 'unsubscribe', secret, now: new Date('2036-01-01') })?.newsletterIds).toEqual(['daily']);
    expect(verifyReaderToken(token, { purpose: 'confirm', secret, now })).toBeNull();
    expect(verifyReaderToken(token, { purpose: 'preferences', secret, now })).toBeNull();
  });

  it('refuses another secret, any altered character, and malformed input', () => {
    const token = signReaderToken({ purpose: 'preferences', subscriberId: 'sub1', secret, now });
    expect(verifyReaderToken(token, { purpose: 'preferences', secret, now })?.newsletterIds).toBe('all');
    expect(verifyReaderToken(token, { purpose: 'preferences', secret: `${secret}x`, now })).toBeNull();
    for (let i = 0; i < token.length; i++) {
      const c = token[i] === 'A' ? 'B' : 'A';
      const altered = token.slice(0, i) + c + token.slice(i + 1);
      if (altered !== token) expect(verifyReaderToken(altered, { purpose: 'preferences', secret, now }), `char ${i}`).toBeNull();
    }
    for (const bad of [undefined, 42, '', 'r1', 'r1..', 'r2.a.b', `${token}.x`, 'x'.repeat(3000)])
      expect(verifyReaderToken(bad, { purpose: 'preferences', secret, now })).toBeNull();
  });

  it('will not sign odd ids or with a short secret', () => {
    expect(() => signReaderToken({ purpose: 'confirm', subscriberId: 'a.b', secret, now })).toThrow();
    expect(() => signReaderToken({ purpose: 'confirm', subscriberId: 'a', newsletterIds: ['x y'], secret, now })).toThrow();
    expect(() => signReaderToken({ purpose: 'confirm', subscriberId: 'a', secret: 'short', now })).toThrow();
  });
});
