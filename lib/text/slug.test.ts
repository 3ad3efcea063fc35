import { describe, expect, it } from 'vitest';
import { isValidSlug, slugify } from '@/lib/text/slug';

describe('slugify', () => {
  it('makes a readable slug from a headline', () => {
    expect(slugify('Gene therapy: what comes after the first approvals?')).toBe('gene-therapy-what-comes-after-the-first-approvals');
  });
  it('folds accents and ampersands', () => {
    expect(slugify('Crème brûlée & Co.')).toBe('creme-brulee-and-co');
  });
  it('returns an empty string when nothing is left', () => {
    expect(slugify('!!! ???')).toBe('');
  });
  it('caps the length without a trailing hyphen', () => {
    const slug = slugify('word '.repeat(40));
    expect(slug.length).toBeLessThanOrEqual(80);
    expect(slug.endsWith('-')).toBe(false);
  });
  it('always produces a valid slug or nothing', () => {
    for (const s of ['A b', '  --x--  ', 'Ünïcödé', '../../etc/passwd', '<script>']) {
      const slug = slugify(s);
      expect(slug === '' || isValidSlug(slug)).toBe(true);
    }
  });
});

describe('isValidSlug', () => {
  it('rejects path tricks and upper case', () => {
    expect(isValidSlug('../x')).toBe(false);
    expect(isValidSlug('Abc')).toBe(false);
    expect(isValidSlug('a--b')).toBe(false);
    expect(isValidSlug('-a')).toBe(false);
    expect(isValidSlug('life-sciences')).toBe(true);
  });
});
