import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isSafeUrl } from '@/lib/text/safe-url';
import { anyUrl } from '@/tests/support/arbitraries';
import { browserScheme, isBrowserSafe } from '@/tests/support/browser-url';

describe('isSafeUrl', () => {
  it.each(['https://example.com/a?b=c#d', 'http://example.com', '/life-sciences/x', '#notes', 'mailto:desk@example.com'])(
    'accepts %s',
    (url) => {
      expect(isSafeUrl(url)).toBe(true);
    },
  );

  it.each([
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    'java\tscript:alert(1)',
    ' javascript:alert(1)',
    'javascript&#58;alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'vbscript:msgbox(1)',
    '//evil.example/x',
    '\\\\evil.example',
    'https:',
    'example.com',
    '',
    'a'.repeat(3000),
  ])('rejects %s', (url) => {
    expect(isSafeUrl(url)).toBe(false);
  });

  it('rejects mailto for images', () => {
    expect(isSafeUrl('mailto:x@example.com', { allowMailto: false })).toBe(false);
  });
});

describe('isSafeUrl (properties)', () => {
  it('never accepts a URL a browser would resolve to a scheme other than http(s) or mailto, or to another site when relative', () => {
    fc.assert(
      fc.property(anyUrl, (url) => {
        if (isSafeUrl(url)) expect(isBrowserSafe(url), `accepted ${JSON.stringify(url)} (browser scheme ${browserScheme(url)})`).toBe(true);
      }),
      { numRuns: 20_000 },
    );
  });

  it('never accepts mailto (or anything but http(s) and relative) for images', () => {
    fc.assert(
      fc.property(anyUrl, (url) => {
        if (isSafeUrl(url, { allowMailto: false })) expect(isBrowserSafe(url, { allowMailto: false }), JSON.stringify(url)).toBe(true);
      }),
      { numRuns: 10_000 },
    );
  });

  it('accepts every ordinary http(s) address', () => {
    fc.assert(
      fc.property(fc.webUrl({ validSchemes: ['http', 'https'], withQueryParameters: true, withFragments: true }), (url) => {
        expect(isSafeUrl(url), url).toBe(true);
      }),
    );
  });
});
