import { describe, expect, it } from 'vitest';
import { pageMetadata } from '@/lib/seo/site';

const SITE = 'http://localhost:3000';

describe('pageMetadata', () => {
  it('advertises the page feed as an absolute RSS alternate beside the canonical URL', () => {
    const metadata = pageMetadata({ title: 'Heat pumps', description: 'About heat pumps.', path: '/tags/heat-pumps', feed: { path: '/feeds/tags/heat-pumps', title: 'Heat pumps RSS' } });
    expect(metadata.alternates).toEqual({
      canonical: `${SITE}/tags/heat-pumps`,
      types: { 'application/rss+xml': [{ url: `${SITE}/feeds/tags/heat-pumps`, title: 'Heat pumps RSS' }] },
    });
  });

  it('advertises no feed for a page without one', () => {
    expect(pageMetadata({ title: 'Search', description: 'Search.', path: '/search' }).alternates).toEqual({ canonical: `${SITE}/search` });
  });
});
