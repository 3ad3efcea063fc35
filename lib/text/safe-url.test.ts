import { describe, expect, it } from 'vitest';
import { isSafeUrl } from '@/lib/text/safe-url';

describe('isSafeUrl', () => {
  it.each(['https://example.com/a?b=c#d', 'http://example.com', '/life-sciences/x', '#notes', 'mailto:desk@example.com'])('accepts %s', (url) => {
    expect(isSafeUrl(url)).toBe(true);
  });

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
