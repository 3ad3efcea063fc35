import { describe, expect, it } from 'vitest';
import { parsePageParam } from '@/lib/articles/decide-pagination';

describe('parsePageParam', () => {
  it('defaults to page 1 and accepts whole numbers', () => {
    expect(parsePageParam(undefined)).toBe(1);
    expect(parsePageParam('1')).toBe(1);
    expect(parsePageParam('12')).toBe(12);
  });
  it('rejects junk, zero, negatives, padding and repeats', () => {
    for (const raw of ['0', '-1', '02', '1.5', 'abc', '', '9999999']) expect(parsePageParam(raw)).toBeNull();
    expect(parsePageParam(['1', '2'])).toBeNull();
  });
});
