import { describe, expect, it } from 'vitest';
import { breadcrumbJsonLd, frontPageJsonLd, newsArticleJsonLd, organizationJsonLd, publisherPoliciesOf, serializeJsonLd, type Site } from '@/lib/seo/decide-json-ld';

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
      publisher: { '@type': 'NewsMediaOrganization', logo: { url: 'https://news.example/logo.png' } },
    });
    // Modified before published (edited while scheduled) reports the publication time.
    expect(ld.dateModified).toBe('2026-01-01T10:00:00.000Z');
  });
  it('names the partner of sponsored or partner content as sponsor, and labels it; editorial content has neither', () => {
    const ld = newsArticleJsonLd(site, {
      ...base,
      keywords: ['Health'],
      disclosure: { kind: 'partner', short: 'Partner content', label: 'In partnership with MedCity', partnerName: 'MedCity' },
    });
    expect(ld.sponsor).toEqual({ '@type': 'Organization', name: 'MedCity' });
    expect(ld.keywords).toEqual(['Partner content', 'Health']);
    const editorial = newsArticleJsonLd(site, base);
    expect(editorial).not.toHaveProperty('sponsor');
    expect(editorial).not.toHaveProperty('keywords');
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

describe('the publisher and its policy pages', () => {
  const pages = [
    { role: 'ABOUT', url: 'https://news.example/about' },
    { role: 'ETHICS', url: 'https://news.example/about/ethics' },
    { role: 'MASTHEAD', url: 'https://news.example/about/masthead' },
    { role: null, url: 'https://news.example/about/methodology' },
  ];
  it('points the ethics, corrections and principles properties at the ethics page and masthead at the masthead', () => {
    expect(publisherPoliciesOf(pages)).toEqual({
      publishingPrinciples: 'https://news.example/about/ethics',
      ethicsPolicy: 'https://news.example/about/ethics',
      correctionsPolicy: 'https://news.example/about/ethics',
      masthead: 'https://news.example/about/masthead',
    });
  });
  it('falls back to the about page for the principles, and leaves out what has no page', () => {
    expect(publisherPoliciesOf([pages[0]!, pages[3]!])).toEqual({ publishingPrinciples: 'https://news.example/about' });
    expect(publisherPoliciesOf([])).toEqual({});
  });
  it('is a NewsMediaOrganization carrying the policies, on the front page and in articles', () => {
    const policies = publisherPoliciesOf(pages);
    expect(organizationJsonLd(site, policies)).toMatchObject({ '@type': 'NewsMediaOrganization', masthead: 'https://news.example/about/masthead' });
    expect(organizationJsonLd(site)).not.toHaveProperty('masthead');
    expect(JSON.stringify(frontPageJsonLd(site, policies))).toContain('"ethicsPolicy":"https://news.example/about/ethics"');
  });
});
