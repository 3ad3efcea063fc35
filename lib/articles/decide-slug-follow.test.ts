import { describe, expect, it } from 'vitest';
import { followedSlug, numberedSlugNote, slugFollowsHeadline } from '@/lib/articles/decide-slug-follow';

describe('a slug that follows the headline', () => {
  it('is the headline’s slug, or that slug numbered because it was taken', () => {
    expect(slugFollowsHeadline('heat-pumps', 'Heat pumps')).toBe(true);
    expect(slugFollowsHeadline('heat-pumps-2', 'Heat pumps')).toBe(true);
    expect(slugFollowsHeadline('heat-pumps-12', 'Heat pumps')).toBe(true);
    expect(slugFollowsHeadline('heat-pumps-winter', 'Heat pumps')).toBe(false);
    expect(slugFollowsHeadline('pumps', 'Heat pumps')).toBe(false);
    expect(slugFollowsHeadline('', '')).toBe(false);
  });

  it('takes the new headline’s slug, keeping its number while the headline’s slug is unchanged', () => {
    expect(followedSlug('heat-pumps-2', 'Heat pumps', 'Heat pumps!')).toBe('heat-pumps-2');
    expect(followedSlug('heat-pumps-2', 'Heat pumps', 'Heat pumps in winter')).toBe('heat-pumps-in-winter');
    expect(followedSlug('heat-pumps', 'Heat pumps', 'Heat pump')).toBe('heat-pump');
  });

  it('explains a numbered slug, and says nothing otherwise', () => {
    expect(numberedSlugNote('heat-pumps-2', 'Heat pumps')).toContain('already has the address “heat-pumps”, so this one is “heat-pumps-2”');
    expect(numberedSlugNote('heat-pumps', 'Heat pumps')).toBeNull();
    expect(numberedSlugNote('my-own', 'Heat pumps')).toBeNull();
  });
});
