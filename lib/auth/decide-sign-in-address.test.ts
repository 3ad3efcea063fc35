import { describe, expect, it } from 'vitest';
import { signInAddressProblem } from '@/lib/auth/decide-sign-in-address';

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
