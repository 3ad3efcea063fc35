import { describe, expect, it } from 'vitest';
import { signRevalidateRequest, verifyRevalidateRequest } from './internal-revalidate';

const secret = 's'.repeat(32);
const change = { tags: ['content', 'article:a1', 'section:news'] };

describe('internal revalidate signatures', () => {
  it('accepts a fresh signed request', () => {
    const { body, signature } = signRevalidateRequest(change, secret, 1000);
    expect(verifyRevalidateRequest(body, signature, secret, 2000)).toMatchObject(change);
  });
  it('refuses a wrong secret, a missing secret, a changed body and a stale request', () => {
    const { body, signature } = signRevalidateRequest(change, secret, 1000);
    expect(verifyRevalidateRequest(body, signature, 't'.repeat(32), 1000)).toBeNull();
    expect(verifyRevalidateRequest(body, signature, undefined, 1000)).toBeNull();
    expect(verifyRevalidateRequest(body.replace('news', 'other'), signature, secret, 1000)).toBeNull();
    expect(verifyRevalidateRequest(body, null, secret, 1000)).toBeNull();
    expect(verifyRevalidateRequest(body, signature, secret, 1000 + 61_000)).toBeNull();
  });
});
