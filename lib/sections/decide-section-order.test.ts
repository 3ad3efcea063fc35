import { describe, expect, it } from 'vitest';
import { decidePositionUpdates, decideSectionOrder } from '@/lib/sections/decide-section-order';

const ids = ['a', 'b', 'c', 'd'];

describe('decideSectionOrder', () => {
  it('moves up and down by one place', () => {
    expect(decideSectionOrder(ids, 'c', { direction: 'up' })).toEqual(['a', 'c', 'b', 'd']);
    expect(decideSectionOrder(ids, 'b', { direction: 'down' })).toEqual(['a', 'c', 'b', 'd']);
  });
  it('keeps the first and last in place at the ends', () => {
    expect(decideSectionOrder(ids, 'a', { direction: 'up' })).toEqual(ids);
    expect(decideSectionOrder(ids, 'd', { direction: 'down' })).toEqual(ids);
  });
  it('moves to a 1-based place, clamped to the list', () => {
    expect(decideSectionOrder(ids, 'd', { place: 1 })).toEqual(['d', 'a', 'b', 'c']);
    expect(decideSectionOrder(ids, 'a', { place: 3 })).toEqual(['b', 'c', 'a', 'd']);
    expect(decideSectionOrder(ids, 'b', { place: 99 })).toEqual(['a', 'c', 'd', 'b']);
    expect(decideSectionOrder(ids, 'c', { place: -5 })).toEqual(['c', 'a', 'b', 'd']);
  });
  it('leaves the order alone for an unknown id', () => {
    expect(decideSectionOrder(ids, 'z', { place: 1 })).toEqual(ids);
  });
});

describe('decidePositionUpdates', () => {
  it('writes only the positions that change, renumbering duplicates', () => {
    const current = new Map([['a', 0], ['b', 0], ['c', 2], ['d', 3]]);
    expect(decidePositionUpdates(['a', 'b', 'c', 'd'], current)).toEqual([{ id: 'b', position: 1 }]);
    expect(decidePositionUpdates(['b', 'a', 'c', 'd'], current)).toEqual([{ id: 'a', position: 1 }]);
  });
});
