import { describe, expect, it } from 'vitest';
import { escapeXml, newsSitemapXml, sitemapPageCount, urlSetXml } from '@/lib/sitemaps/decide-sitemap-xml';

describe('sitemap XML', () => {
  it('escapes markup in titles and URLs', () => {
    expect(escapeXml(`A & B <c> "d" 'e'`)).toBe('A &amp; B &lt;c&gt; &quot;d&quot; &apos;e&apos;');
    const xml = newsSitemapXml({ name: 'M&M', language: 'en' }, [{ loc: 'https://x/a?b=1&c=2', publishedAt: new Date('2026-01-01T00:00:00Z'), title: '<b>Hi</b>' }]);
    expect(xml).toContain('<news:name>M&amp;M</news:name>');
    expect(xml).toContain('<loc>https://x/a?b=1&amp;c=2</loc>');
    expect(xml).toContain('<news:title>&lt;b&gt;Hi&lt;/b&gt;</news:title>');
    expect(xml).toContain('<news:publication_date>2026-01-01T00:00:00.000Z</news:publication_date>');
  });
  it('refuses more URLs than a file may hold', () => {
    expect(() => urlSetXml(Array.from({ length: 50_001 }, () => ({ loc: 'https://x/' })))).toThrow(/50,000/);
  });
  it('splits 100k articles into pages of 50,000', () => {
    expect(sitemapPageCount(0)).toBe(1);
    expect(sitemapPageCount(50_000)).toBe(1);
    expect(sitemapPageCount(100_001)).toBe(3);
  });
});
