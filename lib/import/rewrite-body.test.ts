import { describe, expect, it } from 'vitest';
import type { BodyDocument } from '@/lib/articles/body-schema';
import { rewriteImportedBody, siteRelativeHref } from '@/lib/import/rewrite-body';

describe('siteRelativeHref', () => {
  it('makes links to the old site paths on this one, so its redirects answer them', () => {
    expect(siteRelativeHref('https://harbour.example/2020/04/02/harbour-walls/', 'https://harbour.example')).toBe(
      '/2020/04/02/harbour-walls/',
    );
    expect(siteRelativeHref('http://www.harbour.example/?p=12#top', 'https://harbour.example')).toBe('/?p=12#top');
    expect(siteRelativeHref('https://example.com/blog/a-post/', 'https://example.com/blog')).toBe('/blog/a-post/');
  });
  it('leaves other sites, other folders and non-web links alone', () => {
    expect(siteRelativeHref('https://elsewhere.example/x', 'https://harbour.example')).toBe('https://elsewhere.example/x');
    expect(siteRelativeHref('https://example.com/shop/x', 'https://example.com/blog')).toBe('https://example.com/shop/x');
    expect(siteRelativeHref('mailto:news@harbour.example', 'https://harbour.example')).toBe('mailto:news@harbour.example');
    expect(siteRelativeHref('https://harbour.example/x', null)).toBe('https://harbour.example/x');
  });
});

describe('rewriteImportedBody', () => {
  const body: BodyDocument = {
    type: 'doc',
    content: [
      {
        type: 'paragraph',
        content: [{ type: 'text', text: 'See', marks: [{ type: 'link', attrs: { href: 'https://harbour.example/2020/05/x/' } }] }],
      },
      { type: 'image', attrs: { src: 'https://harbour.example/a.jpg', alt: 'A', caption: 'Cap' } },
      { type: 'image', attrs: { src: 'https://harbour.example/gone.jpg', alt: 'B' } },
      {
        type: 'bulletList',
        content: [
          {
            type: 'listItem',
            content: [
              {
                type: 'paragraph',
                content: [{ type: 'text', text: 'in a list', marks: [{ type: 'link', attrs: { href: 'https://harbour.example/y/' } }] }],
              },
            ],
          },
        ],
      },
    ],
  };
  it('points images at their library copies, leaves out missing ones and relativises links everywhere', () => {
    const missing: string[] = [];
    const out = rewriteImportedBody(body, {
      siteUrl: 'https://harbour.example',
      copyOf: (src) => (src.endsWith('a.jpg') ? { id: 'img1', src: '/media/abc.jpg', width: 640, height: 480 } : { missing: 'HTTP 404' }),
      missing,
    });
    expect(out.content).toEqual([
      { type: 'paragraph', content: [{ type: 'text', text: 'See', marks: [{ type: 'link', attrs: { href: '/2020/05/x/' } }] }] },
      { type: 'image', attrs: { src: '/media/abc.jpg', alt: 'A', caption: 'Cap', imageId: 'img1', width: 640, height: 480 } },
      {
        type: 'bulletList',
        content: [
          {
            type: 'listItem',
            content: [
              { type: 'paragraph', content: [{ type: 'text', text: 'in a list', marks: [{ type: 'link', attrs: { href: '/y/' } }] }] },
            ],
          },
        ],
      },
    ]);
    expect(missing).toEqual(['the image https://harbour.example/gone.jpg (HTTP 404)']);
  });
});
