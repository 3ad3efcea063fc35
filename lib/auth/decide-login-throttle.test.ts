import { describe, expect, it } from 'vitest';
import { ACCOUNT_IP_LIMIT, ACCOUNT_LIMIT, decideLoginThrottle, decideSignInRefund, IP_LIMIT, throttleKeys, throttleWindowStart } from './decide-login-throttle';

const now = new Date('2026-11-27T10:07:30Z');

describe('login throttle decisions', () => {
  it('puts times in fixed 15-minute windows', () => {
    expect(throttleWindowStart(now).toISOString()).toBe('2026-11-27T10:00:00.000Z');
    expect(throttleWindowStart(new Date('2026-11-27T10:15:00Z')).toISOString()).toBe('2026-11-27T10:15:00.000Z');
  });
  it('keys by normalised email and IP', () => {
    expect(throttleKeys({ email: ' Ed@Example.TEST ', ip: '10.0.0.1' })).toEqual({ accountIp: 'acct:ed@example.test|ip:10.0.0.1', ip: 'ip:10.0.0.1', account: 'acct:ed@example.test' });
    expect(throttleKeys({ email: 'a@b.c', ip: null }).ip).toBe('ip:unknown');
  });
  it('allows up to the limits', () => {
    expect(decideLoginThrottle({ accountIpCount: ACCOUNT_IP_LIMIT, ipCount: IP_LIMIT, now })).toEqual({ allowed: true });
  });
  it('refuses the sixth attempt on an account from one IP until the window ends', () => {
    expect(decideLoginThrottle({ accountIpCount: ACCOUNT_IP_LIMIT + 1, ipCount: 6, now })).toEqual({ allowed: false, retryAfterSeconds: 450, firstRefusal: true });
    expect(decideLoginThrottle({ accountIpCount: ACCOUNT_IP_LIMIT + 2, ipCount: 7, now })).toMatchObject({ allowed: false, firstRefusal: false });
  });
  it('refuses an account guessed from many IPs past its own limit', () => {
    expect(decideLoginThrottle({ accountIpCount: 1, ipCount: 1, accountCount: ACCOUNT_LIMIT + 1, now })).toMatchObject({ allowed: false, firstRefusal: true });
  });
  it('refuses an IP over its own limit whatever the account', () => {
    expect(decideLoginThrottle({ accountIpCount: 1, ipCount: IP_LIMIT + 1, now })).toMatchObject({ allowed: false });
  });
  it('gives a successful sign-in back and clears only its account+IP counter', () => {
    const keys = throttleKeys({ email: 'ed@example.test', ip: '10.0.0.1' });
    expect(decideSignInRefund(keys)).toEqual({ reset: [keys.accountIp], giveBack: [keys.ip, keys.account] });
  });
});
