import { describe, expect, it } from 'vitest';
import { clientIpFromHeaders } from './client-ip';

const h = (init: Record<string, string>) => new Headers(init);

describe('clientIpFromHeaders', () => {
  it('prefers X-Real-IP', () => {
    expect(clientIpFromHeaders(h({ 'x-real-ip': '203.0.113.9', 'x-forwarded-for': '1.2.3.4' }))).toBe('203.0.113.9');
  });
  it('takes the last X-Forwarded-For entry, which the nearest proxy appended', () => {
    expect(clientIpFromHeaders(h({ 'x-forwarded-for': '6.6.6.6, 198.51.100.7' }))).toBe('198.51.100.7');
  });
  it('unwraps IPv4-mapped IPv6', () => {
    expect(clientIpFromHeaders(h({ 'x-forwarded-for': '::ffff:127.0.0.1' }))).toBe('127.0.0.1');
  });
  it('ignores garbage and returns null when nothing is known', () => {
    expect(clientIpFromHeaders(h({ 'x-real-ip': '<script>' }))).toBeNull();
    expect(clientIpFromHeaders(h({}))).toBeNull();
  });
});
