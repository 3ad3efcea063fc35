import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
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

describe('slugify (properties)', () => {
  const anyText = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 200 }),
    fc.string({ unit: 'grapheme', maxLength: 200 }),
    fc.array(fc.constantFrom('a', 'Z', '9', '-', ' ', '&', 'é', 'İ', 'ß', 'ﬁ', 'K', '\u0301', '../', '%2e', '\u0000', '日本'), { maxLength: 120 }).map((p) => p.join('')),
  );

  it('always returns a valid slug or nothing', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const slug = slugify(text);
        expect(slug === '' || isValidSlug(slug), JSON.stringify(slug)).toBe(true);
      }),
      { numRuns: 5000 },
    );
  });

  it('is idempotent, and keeps every valid slug as it is', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const slug = slugify(text);
        expect(slugify(slug)).toBe(slug);
      }),
      { numRuns: 5000 },
    );
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z0-9]{1,10}(-[a-z0-9]{1,10}){0,6}$/), (slug) => {
        expect(isValidSlug(slug)).toBe(true);
        expect(slugify(slug)).toBe(slug);
      }),
    );
  });
});
