import { describe, expect, it } from 'vitest';
import { breadcrumbJsonLd, frontPageJsonLd, newsArticleJsonLd, serializeJsonLd, type Site } from '@/lib/seo/decide-json-ld';

const site: Site = { name: 'Masthead', url: 'https://news.example', logoUrl: 'https://news.example/logo.png', language: 'en' };

describe('newsArticleJsonLd', () => {
  const base = {
    url: 'https://news.example/climate/a',
    headline: 'A headline',
    description: 'Standfirst',
    imageUrls: ['https://news.example/img.jpg'],
    publishedAt: new Date('2026-01-01T10:00:00Z'),
    modifiedAt: new Date('2026-01-01T09:00:00Z'),
    sectionName: 'Climate',
    authors: [{ name: 'Neelam Patel', url: 'https://news.example/authors/neelam-patel', jobTitle: 'CEO' }],
    keywords: [],
  };
  it('has the fields Google asks for, dates with a time zone', () => {
    const ld = newsArticleJsonLd(site, base);
    expect(ld).toMatchObject({
      '@type': 'NewsArticle',
      headline: 'A headline',
      datePublished: '2026-01-01T10:00:00.000Z',
      articleSection: 'Climate',
      isAccessibleForFree: true,
      author: [{ '@type': 'Person', name: 'Neelam Patel', url: 'https://news.example/authors/neelam-patel' }],
      publisher: { '@type': 'Organization', logo: { url: 'https://news.example/logo.png' } },
    });
    // Modified before published (edited while scheduled) reports the publication time.
    expect(ld.dateModified).toBe('2026-01-01T10:00:00.000Z');
  });
  it('cuts headlines longer than 110 characters', () => {
    expect((newsArticleJsonLd(site, { ...base, headline: 'x'.repeat(200) }).headline as string).length).toBe(110);
  });

  it('lists each correction as a CorrectionComment, newest first, and moves dateModified to the newest', () => {
    const ld = newsArticleJsonLd(site, {
      ...base,
      corrections: [
        { kind: 'Correction', text: 'An earlier version gave the wrong date.', publishedAt: new Date('2030-01-05T09:00:00Z') },
        { kind: 'Update', text: 'The council has since replied.', publishedAt: new Date('2030-01-07T09:00:00Z') },
      ],
    });
    expect(ld.correction).toEqual([
      { '@type': 'CorrectionComment', text: 'Update: The council has since replied.', datePublished: '2030-01-07T09:00:00.000Z' },
      { '@type': 'CorrectionComment', text: 'Correction: An earlier version gave the wrong date.', datePublished: '2030-01-05T09:00:00.000Z' },
    ]);
    expect(ld.dateModified).toBe('2030-01-07T09:00:00.000Z');
  });

  it('has no correction property when there is none', () => {
    expect(newsArticleJsonLd(site, { ...base, corrections: [] })).not.toHaveProperty('correction');
  });
});

describe('other JSON-LD', () => {
  it('numbers breadcrumbs from 1', () => {
    const ld = breadcrumbJsonLd([{ name: 'Home', url: 'https://news.example/' }, { name: 'Climate', url: 'https://news.example/climate' }]);
    expect(ld.itemListElement).toEqual([
      { '@type': 'ListItem', position: 1, name: 'Home', item: 'https://news.example/' },
      { '@type': 'ListItem', position: 2, name: 'Climate', item: 'https://news.example/climate' },
    ]);
  });
  it('gives the front page a WebSite with a SearchAction', () => {
    expect(JSON.stringify(frontPageJsonLd(site))).toContain('https://news.example/search?q={search_term_string}');
  });
  it('serialises so that the script element cannot be closed early', () => {
    expect(serializeJsonLd({ headline: '</script><script>alert(1)</script>' })).not.toContain('</script>');
  });
});
