import { describe, expect, it } from 'vitest';
import { contentTagsOf } from '@/lib/cache/tags';
import { decidePageScope, pageListScope, type PageListing } from './decide-page-scope';

const about: PageListing = { slug: 'about', title: 'About us', role: 'ABOUT', showInFooter: true, position: 0 };

describe('decidePageScope', () => {
  it('purges only the page and the sitemap for a body or standfirst edit', () => {
    expect(contentTagsOf(decidePageScope(about, { ...about }))).toEqual(['modified', 'page:about']);
  });
  it('purges every page when what the footer or the JSON-LD shows changes', () => {
    for (const after of [
      { ...about, title: 'Who we are' },
      { ...about, showInFooter: false },
      { ...about, position: 3 },
      { ...about, role: null },
    ]) {
      expect(contentTagsOf(decidePageScope(about, after))).toEqual(['content', 'page:about']);
    }
  });
  it('names both slugs when the page moves', () => {
    expect(contentTagsOf(decidePageScope(about, { ...about, slug: 'who-we-are' }))).toEqual(['content', 'page:about', 'page:who-we-are']);
  });
  it('purges every page when a page is created or deleted', () => {
    expect(contentTagsOf(pageListScope('contact'))).toEqual(['content', 'page:contact']);
  });
});
