import { describe, expect, it } from 'vitest';
import { wantsBrotliAsset } from '@/lib/static-assets/decide-static-encoding';

describe('wantsBrotliAsset', () => {
  const js = '/_next/static/chunks/abc.js';
  it('serves brotli to browsers that accept it', () => {
    expect(wantsBrotliAsset(js, 'gzip, deflate, br, zstd')).toBe(true);
    expect(wantsBrotliAsset(js, 'br;q=1.0, gzip;q=0.8')).toBe(true);
  });
  it('keeps gzip for clients without br, or that refuse it', () => {
    expect(wantsBrotliAsset(js, 'gzip')).toBe(false);
    expect(wantsBrotliAsset(js, null)).toBe(false);
    expect(wantsBrotliAsset(js, 'br;q=0, gzip')).toBe(false);
    expect(wantsBrotliAsset(js, 'brotli')).toBe(false);
  });
  it('only touches build JavaScript and CSS', () => {
    expect(wantsBrotliAsset('/_next/static/media/font.woff2', 'br')).toBe(false);
    expect(wantsBrotliAsset('/life-sciences/x.js', 'br')).toBe(false);
  });
});
