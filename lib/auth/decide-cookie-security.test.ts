import { describe, expect, it } from 'vitest';
import { decideCookieSecurity } from './decide-cookie-security';

describe('decideCookieSecurity', () => {
  it('is secure for an https site', () => expect(decideCookieSecurity('https://news.example.com').secure).toBe(true));
  it('is not secure for http (local production build, e2e)', () => expect(decideCookieSecurity('http://127.0.0.1:3300').secure).toBe(false));
});
