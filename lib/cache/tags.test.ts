import { describe, expect, it } from 'vitest';
import { contentScope } from '@/lib/operations/content-scope';
import { contentTagsOf } from './tags';

describe('contentTagsOf', () => {
  it('names every touched thing, and the lists tag only when lists change', () => {
    const scope = contentScope({ articleIds: ['a1'], sectionSlugs: ['news'], authorSlugs: ['ada'], campaignSlugs: ['life'], tagSlugs: ['ai'] });
    expect(contentTagsOf(scope)).toEqual(['article:a1', 'section:news', 'author:ada', 'campaign:life', 'tag:ai']);
    expect(contentTagsOf({ ...scope, lists: true })[0]).toBe('content');
  });
  it('is empty for an empty scope', () => {
    expect(contentTagsOf(contentScope({}))).toEqual([]);
  });
});
