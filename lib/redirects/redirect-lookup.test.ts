import { describe, expect, it } from 'vitest';
import { isRedirectablePath } from '@/lib/redirects/redirect-lookup';

describe('isRedirectablePath', () => {
  it('covers section fronts and articles', () => {
    expect(isRedirectablePath('/life-sciences')).toBe(true);
    expect(isRedirectablePath('/life-sciences/gene-therapy-next')).toBe(true);
  });
  it('leaves everything else alone', () => {
    for (const p of ['/', '/dashboard', '/dashboard/articles', '/api/auth/session', '/a/b/c', '/Upper/x', '/feed.xml', '/media/abc.jpg']) {
      expect(isRedirectablePath(p), p).toBe(false);
    }
  });
});
