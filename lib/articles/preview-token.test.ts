import { describe, expect, it } from 'vitest';
import { signPreviewToken, verifyPreviewToken } from './preview-token';

const secret = 'x'.repeat(32);

describe('preview tokens', () => {
  it('round-trips within its lifetime', () => {
    const { token } = signPreviewToken({ articleId: 'abc123', secret, now: 1000 });
    expect(verifyPreviewToken({ token, secret, now: 2000 })).toMatchObject({ ok: true, articleId: 'abc123' });
  });
  it('expires after 48 hours', () => {
    const { token } = signPreviewToken({ articleId: 'abc123', secret, now: 0 });
    expect(verifyPreviewToken({ token, secret, now: 48 * 3600 * 1000 + 1 })).toEqual({ ok: false, reason: 'expired' });
  });
  it('rejects tampering with the id, the expiry or the secret', () => {
    const { token } = signPreviewToken({ articleId: 'abc123', secret, now: 0 });
    const [, exp, sig] = token.split('.');
    expect(verifyPreviewToken({ token: `abc124.${exp}.${sig}`, secret, now: 1 }).ok).toBe(false);
    expect(verifyPreviewToken({ token: `abc123.${Number(exp) + 1}.${sig}`, secret, now: 1 }).ok).toBe(false);
    expect(verifyPreviewToken({ token, secret: 'y'.repeat(32), now: 1 })).toEqual({ ok: false, reason: 'invalid' });
    expect(verifyPreviewToken({ token: 'garbage', secret, now: 1 })).toEqual({ ok: false, reason: 'invalid' });
  });
});
