import { describe, expect, it } from 'vitest';
import { classifySmtpFailure, decideSmtpOptions } from '@/lib/newsletters/decide-smtp';

describe('decideSmtpOptions', () => {
  it('is null without SMTP_URL (the built-in catcher takes the mail)', () => {
    expect(decideSmtpOptions({})).toBeNull();
    expect(decideSmtpOptions({ SMTP_URL: '  ' })).toBeNull();
  });

  it('reads host, port, TLS, credentials and the rate', () => {
    expect(decideSmtpOptions({ SMTP_URL: 'smtp://news%40example.com:p%40ss@smtp.example.com:2525', SMTP_RATE: '40' })).toEqual({
      pool: true,
      host: 'smtp.example.com',
      port: 2525,
      secure: false,
      auth: { user: 'news@example.com', pass: 'p@ss' },
      maxConnections: 4,
      rateDelta: 1000,
      rateLimit: 40,
    });
    expect(decideSmtpOptions({ SMTP_URL: 'smtps://smtp.example.com' })).toMatchObject({
      port: 465,
      secure: true,
      rateLimit: 10,
      maxConnections: 1,
    });
    expect(decideSmtpOptions({ SMTP_URL: 'smtp://127.0.0.1' })).not.toHaveProperty('auth');
  });

  it('names the variable when a value is wrong', () => {
    expect(() => decideSmtpOptions({ SMTP_URL: 'mail.example.com' })).toThrow(/SMTP_URL/);
    expect(() => decideSmtpOptions({ SMTP_URL: 'http://mail.example.com' })).toThrow(/smtp:\/\//);
    for (const rate of ['0', '-1', 'fast', '5000'])
      expect(() => decideSmtpOptions({ SMTP_URL: 'smtp://m', SMTP_RATE: rate })).toThrow(/SMTP_RATE/);
  });
});

describe('classifySmtpFailure', () => {
  it('stops mail to addresses that do not exist or that complained, not for our own policy problems', () => {
    expect(classifySmtpFailure(550, '550 5.1.1 <nobody@example.com>: Recipient address rejected: User unknown')).toBe('hard-bounce');
    expect(classifySmtpFailure(550, '550 5.2.1 The email account that you tried to reach is disabled')).toBe('hard-bounce');
    expect(classifySmtpFailure(552, '552 5.2.2 Mailbox full')).toBe('soft');
    expect(classifySmtpFailure(550, '550 5.7.26 Unauthenticated email is not accepted due to DMARC policy')).toBe('blocked');
    expect(classifySmtpFailure(554, '554 Message rejected: sender is on a blocklist')).toBe('blocked');
    expect(classifySmtpFailure(550, '550 Requested action not taken: mailbox unavailable')).toBe('hard-bounce');
    expect(classifySmtpFailure(451, '451 4.7.1 Try again later')).toBe('soft');
    expect(classifySmtpFailure(550, '550 5.7.1 Recipient complained: marked as spam')).toBe('complaint');
    expect(classifySmtpFailure(null, 'connection reset')).toBe('soft');
  });
});
