import { describe, expect, it } from 'vitest';
import { contentScope, mergeScopes } from './content-scope';

describe('content scopes', () => {
  it('fills what is not given with nothing', () => {
    expect(contentScope({ sectionSlugs: ['news'] })).toEqual({ articleIds: [], sectionSlugs: ['news'], authorSlugs: [], campaignSlugs: [], tagSlugs: [], pageSlugs: [], lists: false, modified: false, corrections: false, newsletters: false });
  });
  it('merges without repeating a slug, and lists when either lists', () => {
    const merged = mergeScopes(contentScope({ articleIds: ['a'], tagSlugs: ['x'] }), contentScope({ articleIds: ['a', 'b'], lists: true }));
    expect(mergeScopes(contentScope({}), contentScope({ newsletters: true })).newsletters).toBe(true);
    expect(merged).toEqual({ articleIds: ['a', 'b'], sectionSlugs: [], authorSlugs: [], campaignSlugs: [], tagSlugs: ['x'], pageSlugs: [], lists: true, modified: false, corrections: false, newsletters: false });
  });
});
