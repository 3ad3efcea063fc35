import { describe, expect, it } from 'vitest';
import { cropSize, isCropAspect } from '@/lib/media/decide-crop';

describe('cropSize', () => {
  it('makes 1200 px wide crops of a large original at each aspect', () => {
    const original = { width: 4000, height: 3000 };
    expect(cropSize('16x9', original)).toEqual({ width: 1200, height: 675 });
    expect(cropSize('4x3', original)).toEqual({ width: 1200, height: 900 });
    expect(cropSize('1x1', original)).toEqual({ width: 1200, height: 1200 });
  });

  it('never enlarges: a square crop of a 1600×900 original is 900 px', () => {
    expect(cropSize('1x1', { width: 1600, height: 900 })).toEqual({ width: 900, height: 900 });
    expect(cropSize('16x9', { width: 800, height: 600 })).toEqual({ width: 800, height: 450 });
  });

  it('knows only the three aspects', () => {
    expect(['16x9', '4x3', '1x1'].every(isCropAspect)).toBe(true);
    expect(['2x1', '', 'constructor', '__proto__'].some(isCropAspect)).toBe(false);
  });
});
