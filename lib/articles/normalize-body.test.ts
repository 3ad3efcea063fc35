import { describe, expect, it } from 'vitest';
import { bodyDocumentSchema } from './body-schema';
import { normalizeEditorJson, normalizePastedHtml } from './normalize-body';

describe('normalizePastedHtml', () => {
  it('maps H1 to H2 and H4–H6 to H3', () => {
    expect(normalizePastedHtml('<h1 class="Title">A</h1><h2>B</h2><h3>C</h3><H4 style="x">D</H4><h6>E</h6>')).toBe(
      '<h2 class="Title">A</h2><h2>B</h2><h3>C</h3><h3 style="x">D</h3><h3>E</h3>',
    );
  });
});

describe('normalizeEditorJson', () => {
  it('turns Tiptap output with default attributes into a valid body', () => {
    const tiptap = {
      type: 'doc',
      content: [
        { type: 'heading', attrs: { level: 2, id: 'x' }, content: [{ type: 'text', text: 'Sub' }] },
        {
          type: 'paragraph',
          attrs: { textAlign: null },
          content: [
            { type: 'text', text: 'link', marks: [{ type: 'link', attrs: { href: 'https://example.com', target: '_blank', rel: 'noopener', class: 'x', title: null } }, { type: 'underline' }] },
          ],
        },
        { type: 'orderedList', attrs: { start: 1, type: null }, content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'one' }] }] }] },
        { type: 'image', attrs: { src: '/media/a.jpg', alt: null, title: null, caption: 'Cap', credit: null, imageId: 'img1', width: 10, height: 5 } },
        { type: 'horizontalRule' },
      ],
    };
    const parsed = bodyDocumentSchema.safeParse(normalizeEditorJson(tiptap));
    expect(parsed.success).toBe(true);
    expect(JSON.stringify(parsed.data)).not.toContain('underline');
  });
  it('still refuses unsafe links (validation decides, not normalisation)', () => {
    const doc = { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'x', marks: [{ type: 'link', attrs: { href: 'javascript:alert(1)' } }] }] }] };
    expect(bodyDocumentSchema.safeParse(normalizeEditorJson(doc)).success).toBe(false);
  });
});
