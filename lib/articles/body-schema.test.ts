import { describe, expect, it } from 'vitest';
import { bodyDocumentSchema } from '@/lib/articles/body-schema';
import { bodyToPlainText, readingTimeMinutes } from '@/lib/articles/body-text';

const paragraph = (text: string, marks?: unknown[]) => ({ type: 'paragraph', content: [{ type: 'text', text, ...(marks ? { marks } : {}) }] });

describe('bodyDocumentSchema', () => {
  it('accepts every node and mark we render', () => {
    const doc = {
      type: 'doc',
      content: [
        paragraph('Intro', [{ type: 'bold' }, { type: 'italic' }]),
        paragraph('Link', [{ type: 'link', attrs: { href: 'https://example.com', target: '_blank', rel: 'noopener' } }]),
        { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Sub' }] },
        { type: 'heading', attrs: { level: 3 }, content: [{ type: 'text', text: 'Subsub' }] },
        { type: 'bulletList', content: [{ type: 'listItem', content: [paragraph('a')] }] },
        { type: 'orderedList', attrs: { start: 3 }, content: [{ type: 'listItem', content: [paragraph('b'), { type: 'bulletList', content: [{ type: 'listItem', content: [paragraph('nested')] }] }] }] },
        { type: 'blockquote', content: [paragraph('quote')] },
        { type: 'horizontalRule' },
        { type: 'image', attrs: { src: '/media/abc.jpg', alt: 'A', caption: 'C', credit: 'iStock / Getty Images Plus / x', width: 10, height: 10 } },
      ],
    };
    expect(bodyDocumentSchema.safeParse(doc).success).toBe(true);
  });

  it.each([
    ['an unknown node', { type: 'doc', content: [{ type: 'script', content: [] }] }],
    ['raw HTML node', { type: 'doc', content: [{ type: 'html', html: '<img src=x onerror=alert(1)>' }] }],
    ['an h1', { type: 'doc', content: [{ type: 'heading', attrs: { level: 1 }, content: [] }] }],
    ['an unknown mark', { type: 'doc', content: [paragraph('x', [{ type: 'code' }])] }],
    ['a javascript: link', { type: 'doc', content: [paragraph('x', [{ type: 'link', attrs: { href: 'javascript:alert(1)' } }])] }],
    ['an event-handler attribute', { type: 'doc', content: [{ type: 'paragraph', attrs: { onclick: 'alert(1)' } }] }],
    ['a data: image', { type: 'doc', content: [{ type: 'image', attrs: { src: 'data:image/svg+xml,<svg onload=alert(1)>', alt: '' } }] }],
    ['extra keys on text', { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'x', html: '<b>' }] }] }],
    ['not a doc', { type: 'paragraph' }],
    ['a NUL character in text (PostgreSQL cannot store it)', { type: 'doc', content: [paragraph('a\u0000b')] }],
    ['a lone surrogate in an image caption', { type: 'doc', content: [{ type: 'image', attrs: { src: '/media/a.jpg', alt: '', caption: 'x\ud800' } }] }],
  ])('rejects %s', (_name, doc) => {
    expect(bodyDocumentSchema.safeParse(doc).success).toBe(false);
  });
});

describe('bodyToPlainText and readingTimeMinutes', () => {
  it('extracts text block by block', () => {
    const doc = bodyDocumentSchema.parse({
      type: 'doc',
      content: [paragraph('One two'), { type: 'bulletList', content: [{ type: 'listItem', content: [paragraph('three')] }] }, { type: 'horizontalRule' }],
    });
    expect(bodyToPlainText(doc)).toBe('One two\nthree');
  });
  it('counts at least a minute, and about 230 words a minute', () => {
    expect(readingTimeMinutes('')).toBe(1);
    expect(readingTimeMinutes('word '.repeat(1150))).toBe(5);
  });
});
