import { describe, expect, it } from 'vitest';
import { contentScope } from '@/lib/operations/content-scope';
import { contentTagsOf } from './tags';

describe('contentTagsOf', () => {
  it('names every touched thing, and the lists tag only when lists change', () => {
    const scope = contentScope({ articleIds: ['a1'], sectionSlugs: ['news'], authorSlugs: ['ada'], campaignSlugs: ['life'], tagSlugs: ['ai'], pageSlugs: ['about'] });
    expect(contentTagsOf(scope)).toEqual(['article:a1', 'section:news', 'author:ada', 'campaign:life', 'tag:ai', 'page:about']);
    expect(contentTagsOf({ ...scope, lists: true })[0]).toBe('content');
  });
  it('names the modified-times pages (feeds, sitemaps) for an edit no card shows', () => {
    expect(contentTagsOf(contentScope({ articleIds: ['a1'], modified: true }))).toEqual(['modified', 'article:a1']);
    expect(contentTagsOf(contentScope({ articleIds: ['a1'], modified: true, lists: true }))).toEqual(['content', 'article:a1']);
  });
  it('names the corrections page for a correction, and leaves it to CONTENT when lists change', () => {
    expect(contentTagsOf(contentScope({ articleIds: ['a1'], modified: true, corrections: true }))).toEqual(['modified', 'corrections', 'article:a1']);
    expect(contentTagsOf(contentScope({ articleIds: ['a1'], lists: true, corrections: true }))).toEqual(['content', 'article:a1']);
    // A change record written before `corrections` existed.
    const { corrections: _, ...old } = contentScope({ articleIds: ['a1'], modified: true });
    expect(contentTagsOf(old as ReturnType<typeof contentScope>)).toEqual(['modified', 'article:a1']);
  });
  it('names the pages with a sign-up form for a newsletter change, and leaves it to CONTENT when lists change', () => {
    expect(contentTagsOf(contentScope({ newsletters: true }))).toEqual(['newsletters']);
    expect(contentTagsOf(contentScope({ newsletters: true, lists: true }))).toEqual(['content']);
    const { newsletters: _, ...old } = contentScope({ articleIds: ['a1'] });
    expect(contentTagsOf(old as ReturnType<typeof contentScope>)).toEqual(['article:a1']);
  });
  it('is empty for an empty scope', () => {
    expect(contentTagsOf(contentScope({}))).toEqual([]);
  });
});
