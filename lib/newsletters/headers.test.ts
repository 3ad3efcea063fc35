import { describe, expect, it } from 'vitest';
import { newsletterHeaders, newsletterMessageId } from '@/lib/newsletters/headers';

describe('newsletterHeaders', () => {
  it('gives RFC 8058 one-click unsubscribe, a List-Id and a Message-ID fixed by send and subscriber', () => {
    const headers = newsletterHeaders({
      siteUrl: 'https://news.example.com',
      newsletterSlug: 'daily-briefing',
      sendId: 'send1',
      subscriberId: 'sub9',
      unsubscribeUrl: 'https://news.example.com/newsletters/unsubscribe?token=r1.abc.def',
      unsubscribeMailto: 'unsubscribe@news.example.com',
    });
    expect(headers).toEqual({
      'List-Unsubscribe': '<https://news.example.com/newsletters/unsubscribe?token=r1.abc.def>, <mailto:unsubscribe@news.example.com>',
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
      'List-Id': '<daily-briefing.news.example.com>',
      'Message-ID': '<send.send1.sub9@news.example.com>',
    });
    expect(newsletterMessageId({ sendId: 'send1', subscriberId: 'sub9', host: 'news.example.com' })).toBe(headers['Message-ID']);
  });

  it('refuses a plain-http unsubscribe URL on a public host and header injection through ids', () => {
    const base = { siteUrl: 'https://news.example.com', newsletterSlug: 'daily', sendId: 's', subscriberId: 'u' };
    expect(() => newsletterHeaders({ ...base, unsubscribeUrl: 'http://news.example.com/u' })).toThrow(/https/);
    expect(() => newsletterHeaders({ ...base, subscriberId: 'u\r\nBcc: x@y', unsubscribeUrl: 'https://news.example.com/u' })).toThrow();
    expect(newsletterHeaders({ ...base, unsubscribeUrl: 'http://localhost:3000/u' })['List-Unsubscribe']).toBe('<http://localhost:3000/u>');
  });
});
