import { describe, expect, it } from 'vitest';
import { isDemoHost, signInAddressProblem } from '@/lib/auth/decide-sign-in-address';

describe('isDemoHost', () => {
  it('follows localhost and IP addresses, with or without a port', () => {
    for (const host of ['localhost', 'localhost:3000', 'app.localhost:3000', '127.0.0.1:3000', '192.168.1.20:3000', '[::1]:3000', '[fe80::1]']) expect(isDemoHost(host), host).toBe(true);
  });
  it('refuses DNS names (DNS rebinding) and anything that is not a host', () => {
    for (const host of ['evil.example', 'evil.example:3000', '127.0.0.1.evil.example', '999.1.1.1', '', null, 'localhost.evil.example']) expect(isDemoHost(host), String(host)).toBe(false);
  });
});

describe('signInAddressProblem', () => {
  it('says where to sign in when the browser came by another host than SITE_URL', () => {
    expect(signInAddressProblem({ siteUrl: 'http://localhost:3000', siteUrlFromRequest: false, host: '127.0.0.1:3000' })).toEqual({
      use: 'http://localhost:3000',
      here: '127.0.0.1:3000',
    });
    expect(signInAddressProblem({ siteUrl: 'https://news.example.com', siteUrlFromRequest: false, host: 'masthead-1.internal:3000' })?.use).toBe('https://news.example.com');
  });

  it('is content on the site’s own host (in any case), and whenever the site follows the request', () => {
    expect(signInAddressProblem({ siteUrl: 'https://news.example.com', siteUrlFromRequest: false, host: 'News.Example.com' })).toBeNull();
    expect(signInAddressProblem({ siteUrl: 'http://localhost:3000', siteUrlFromRequest: true, host: '127.0.0.1:3000' })).toBeNull();
    expect(signInAddressProblem({ siteUrl: 'http://localhost:3000', siteUrlFromRequest: false, host: null })).toBeNull();
  });
});
