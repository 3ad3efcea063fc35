import { describe, expect, it } from 'vitest';
import { expiredPreviewHtml, PREVIEW_EXPIRED, previewTokenOfPath } from '@/lib/articles/preview-expired';

describe('previewTokenOfPath', () => {
  it('finds the token of a share-link path only', () => {
    expect(previewTokenOfPath('/preview/abc.123.sig')).toBe('abc.123.sig');
    expect(previewTokenOfPath('/preview/a%2Eb')).toBe('a.b');
    expect(previewTokenOfPath('/preview/')).toBeNull();
    expect(previewTokenOfPath('/preview/a/b')).toBeNull();
    expect(previewTokenOfPath('/dashboard/articles/x/preview')).toBeNull();
    expect(previewTokenOfPath('/preview/%E0%A4%A')).toBeNull();
  });
});

describe('expiredPreviewHtml', () => {
  it('says the link expired and escapes the site name', () => {
    const html = expiredPreviewHtml('<Daily & Co>');
    expect(html).toContain(PREVIEW_EXPIRED.title);
    expect(html).toContain('&lt;Daily &amp; Co&gt;');
    expect(html).not.toContain('<Daily');
    expect(html).not.toMatch(/<script/i);
  });
});
