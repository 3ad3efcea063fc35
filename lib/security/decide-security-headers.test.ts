import { describe, expect, it } from 'vitest';
import { buildContentSecurityPolicy, cspKindForPath, isSameOrigin, strictTransportSecurity } from './decide-security-headers';

describe('security headers', () => {
  it('gives the dashboard and login a nonce policy and reader pages a cache-friendly one', () => {
    expect(cspKindForPath('/dashboard')).toBe('app');
    expect(cspKindForPath('/dashboard/users')).toBe('app');
    expect(cspKindForPath('/login')).toBe('app');
    expect(cspKindForPath('/')).toBe('reader');
    expect(cspKindForPath('/dashboards-of-the-world/x')).toBe('reader');
    const app = buildContentSecurityPolicy({ kind: 'app', nonce: 'abc', dev: false, https: true });
    expect(app).toContain("script-src 'self' 'nonce-abc' 'strict-dynamic'");
    expect(app).not.toContain("'unsafe-inline' ;");
    expect(app).not.toContain('unsafe-eval');
    expect(app).toContain('upgrade-insecure-requests');
    const reader = buildContentSecurityPolicy({ kind: 'reader', dev: false, https: false });
    expect(reader).toContain("script-src 'self' 'unsafe-inline'");
    expect(reader).not.toContain('nonce');
    expect(reader).not.toContain('upgrade-insecure-requests');
    for (const policy of [app, reader]) {
      for (const d of ["object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'", "form-action 'self'"]) expect(policy).toContain(d);
    }
  });
  it('sends HSTS only over https', () => {
    expect(strictTransportSecurity(true)).toMatch(/^max-age=\d+/);
    expect(strictTransportSecurity(false)).toBeNull();
  });
  it('accepts only the site origin', () => {
    expect(isSameOrigin('https://news.example.com', 'https://news.example.com/')).toBe(true);
    expect(isSameOrigin('https://evil.example', 'https://news.example.com')).toBe(false);
    expect(isSameOrigin('http://news.example.com', 'https://news.example.com')).toBe(false);
    expect(isSameOrigin(null, 'https://news.example.com')).toBe(false);
    expect(isSameOrigin('null', 'https://news.example.com')).toBe(false);
  });
});
