import { describe, expect, it } from 'vitest';
import type { EmailArticle, EmailFrame } from '@/lib/newsletters/article-email';
import { renderNewsletterEmail, wrapText } from '@/lib/newsletters/render-email';

const frame: EmailFrame = {
  siteName: 'The Harbour Times',
  newsletterName: 'Daily briefing',
  preview: 'Ferries return to the old quay',
  unsubscribeUrl: 'https://news.example.com/newsletters/unsubscribe?token=r1.a.b',
  preferencesUrl: 'https://news.example.com/newsletters/preferences?token=r1.c.d',
};
const article: EmailArticle = {
  headline: 'Harbour reopens after the storm',
  standfirst: 'Ferries return to the old quay.',
  url: 'https://news.example.com/news/harbour-reopens',
  byline: [
    { name: 'Neelam Patel', role: 'CEO', organisation: 'MedCity' },
    { name: 'Ada Jones', role: null, organisation: null },
  ],
  hero: { url: 'https://news.example.com/media/h.jpg', alt: 'The quay at dawn', credit: 'Photo: R. Lee' },
  disclosure: { kind: 'sponsored', short: 'Sponsored', label: 'Paid for by MedCity', partnerName: 'MedCity' },
};

describe('renderNewsletterEmail', () => {
  it('carries headline, standfirst, byline, hero, link, label and unsubscribe in both parts', () => {
    const { subject, html, text } = renderNewsletterEmail({ frame, articles: [article] });
    expect(subject).toBe('Harbour reopens after the storm');
    for (const part of [html, text]) {
      for (const s of [
        'Harbour reopens after the storm',
        'Ferries return to the old quay.',
        'Neelam Patel, CEO, MedCity and Ada Jones',
        'Photo: R. Lee',
      ])
        expect(part).toContain(s);
      expect(part).toContain(frame.unsubscribeUrl.replace(/&/g, '&amp;'));
    }
    expect(html).toContain('Paid for by MedCity');
    expect(text).toContain('PAID FOR BY MEDCITY');
    expect(html).toMatch(/^<!DOCTYPE html><html lang="en">/);
    expect(html).toContain('<img src="https://news.example.com/media/h.jpg" alt="The quay at dawn"');
    expect(html).toContain('href="https://news.example.com/news/harbour-reopens"');
    expect(html).not.toMatch(/<style|<script|class=/);
    expect(text).toContain('Read it: https://news.example.com/news/harbour-reopens');
    expect(text).toContain('Unsubscribe: https://news.example.com/newsletters/unsubscribe?token=r1.a.b');
  });

  it('escapes hostile text in HTML and keeps it verbatim in text; a subject never breaks a header line', () => {
    const hostile = {
      ...article,
      headline: '<script>alert(1)</script>\r\nBcc: x@y',
      standfirst: '<img src=x onerror=alert(1)>',
      byline: [{ name: '"><b>x', role: null, organisation: null }],
    };
    const { subject, html, text } = renderNewsletterEmail({ frame: { ...frame, newsletterName: '<i>News</i>' }, articles: [hostile] });
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<img src=x');
    expect(html).not.toContain('<i>News</i>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(text).toContain('<script>alert(1)</script>');
    expect(subject).not.toMatch(/[\r\n]/);
  });

  it('a digest names the newsletter and how many more; full text adds the body', () => {
    const second = {
      ...article,
      headline: 'Second story',
      url: 'https://news.example.com/news/second',
      disclosure: null,
      body: [
        { kind: 'heading' as const, text: 'What next' },
        { kind: 'paragraph' as const, text: 'The council meets on Monday.' },
      ],
    };
    const { subject, html, text } = renderNewsletterEmail({ frame, articles: [article, second] });
    expect(subject).toBe('Daily briefing: Harbour reopens after the storm and 1 more');
    expect(html).toContain('<h3');
    expect(text).toContain('The council meets on Monday.');
    expect(() => renderNewsletterEmail({ frame, articles: [] })).toThrow();
  });

  it('wraps plain text at 76 columns', () => {
    const wrapped = wrapText('word '.repeat(40));
    expect(wrapped.split('\n').every((l) => l.length <= 76)).toBe(true);
  });
});
