import { describe, expect, it } from 'vitest';
import { acceptsBrotli, precompressedHeaders, precompressedType, staticAssetPath } from './decide-static-asset.mjs';

describe('staticAssetPath', () => {
  it('gives the path under .next/static for a build asset, without the query string', () => {
    expect(staticAssetPath('/_next/static/chunks/39_j1bdzreq0m.js')).toBe('chunks/39_j1bdzreq0m.js');
    expect(staticAssetPath('/_next/static/chunks/app.css?dpl=abc')).toBe('chunks/app.css');
    expect(staticAssetPath('/_next/static/media/font%20name.woff2')).toBe('media/font name.woff2');
  });

  it('ignores everything that is not a build asset', () => {
    expect(staticAssetPath('/')).toBeNull();
    expect(staticAssetPath('/life-sciences/some-article')).toBeNull();
    expect(staticAssetPath('/_next/image?url=/media/a.jpg&w=640&q=75')).toBeNull();
    expect(staticAssetPath('/_next/static')).toBeNull();
    expect(staticAssetPath('/_next/static/')).toBeNull();
    expect(staticAssetPath('/x/_next/static/chunks/a.js')).toBeNull();
  });

  it('refuses traversal, plain or encoded, and other unsafe names', () => {
    for (const url of [
      '/_next/static/../../package.json',
      '/_next/static/chunks/../../../server/app/page.js',
      '/_next/static/%2e%2e/%2e%2e/.env',
      '/_next/static/chunks/%2E%2E%2F%2E%2E%2Fserver.js',
      '/_next/static/chunks/..%2f..%2fBUILD_ID',
      '/_next/static/chunks\\..\\..\\BUILD_ID',
      '/_next/static/chunks/%5c..%5cBUILD_ID',
      '/_next/static/chunks/a.js%00.br',
      '/_next/static/chunks//a.js',
      '/_next/static/./chunks/a.js',
      '/_next/static/chunks/%E0%A4%A.js',
    ]) {
      expect(staticAssetPath(url), url).toBeNull();
    }
  });
});

describe('acceptsBrotli', () => {
  it('accepts br as browsers send it', () => {
    expect(acceptsBrotli('gzip, deflate, br, zstd')).toBe(true);
    expect(acceptsBrotli('br')).toBe(true);
    expect(acceptsBrotli('BR;q=0.5, gzip')).toBe(true);
    expect(acceptsBrotli(['gzip', 'br'])).toBe(true);
  });

  it('refuses when br is missing, given q=0, or the header is absent', () => {
    expect(acceptsBrotli(undefined)).toBe(false);
    expect(acceptsBrotli('')).toBe(false);
    expect(acceptsBrotli('gzip, deflate')).toBe(false);
    expect(acceptsBrotli('identity')).toBe(false);
    expect(acceptsBrotli('gzip, br;q=0')).toBe(false);
    expect(acceptsBrotli('br;q=0.000')).toBe(false);
    expect(acceptsBrotli('br;q=nonsense')).toBe(false);
  });

  it('follows the wildcard unless br is named', () => {
    expect(acceptsBrotli('*')).toBe(true);
    expect(acceptsBrotli('gzip, *;q=0.1')).toBe(true);
    expect(acceptsBrotli('*;q=0')).toBe(false);
    expect(acceptsBrotli('*, br;q=0')).toBe(false);
  });
});

describe('precompressedType', () => {
  it('knows scripts and style sheets only', () => {
    expect(precompressedType('chunks/a.js')).toBe('application/javascript; charset=UTF-8');
    expect(precompressedType('chunks/a.css')).toBe('text/css; charset=UTF-8');
    expect(precompressedType('media/font.woff2')).toBeNull();
    expect(precompressedType('chunks/a.js.map')).toBeNull();
    expect(precompressedType('BUILD_ID')).toBeNull();
    expect(precompressedType('chunks/constructor')).toBeNull();
  });
});

describe('precompressedHeaders', () => {
  it('says brotli, the length, immutable caching and Vary', () => {
    expect(precompressedHeaders({ contentType: 'text/css; charset=UTF-8', length: 1234 })).toEqual({
      'Content-Type': 'text/css; charset=UTF-8',
      'Content-Encoding': 'br',
      'Content-Length': '1234',
      'Cache-Control': 'public, max-age=31536000, immutable',
      Vary: 'Accept-Encoding',
      'X-Content-Type-Options': 'nosniff',
    });
  });
});
