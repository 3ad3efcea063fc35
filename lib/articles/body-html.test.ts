import { describe, expect, it } from 'vitest';
import { bodyToHtml } from '@/lib/articles/body-html';
import { bodyDocumentSchema, type BodyDocument } from '@/lib/articles/body-schema';

const base = { baseUrl: 'https://news.example.com/science/heat-pumps' };
const doc = (...content: unknown[]): BodyDocument => bodyDocumentSchema.parse({ type: 'doc', content });
const p = (...content: unknown[]) => ({ type: 'paragraph', content });
const text = (t: string, marks?: unknown[]) => ({ type: 'text', text: t, ...(marks ? { marks } : {}) });
const link = (href: string) => ({ type: 'link', attrs: { href } });

describe('bodyToHtml', () => {
  it('renders the structure readers see: headings, paragraphs, lists, quotes, marks', () => {
    const html = bodyToHtml(
      doc(
        { type: 'heading', attrs: { level: 2 }, content: [text('Why')] },
        p(text('Heat '), text('pumps', [{ type: 'bold' }]), text(' work', [{ type: 'italic' }]), { type: 'hardBreak' }, text('well.')),
        { type: 'heading', attrs: { level: 3 }, content: [text('How')] },
        { type: 'bulletList', content: [{ type: 'listItem', content: [p(text('one'))] }] },
        { type: 'orderedList', attrs: { start: 3 }, content: [{ type: 'listItem', content: [p(text('two'))] }] },
        { type: 'blockquote', content: [p(text('quoted'))] },
        { type: 'horizontalRule' },
        { type: 'paragraph' },
      ),
      base,
    );
    expect(html).toBe(
      '<h2>Why</h2><p>Heat <strong>pumps</strong><em> work</em><br>well.</p><h3>How</h3>' +
        '<ul><li><p>one</p></li></ul><ol><li><p>two</p></li></ol><blockquote><p>quoted</p></blockquote>',
    );
  });

  it('escapes hostile text everywhere: markup in text, alt, captions and URLs never becomes markup', () => {
    const hostile = '<script>alert("x")</script> & <img src=x onerror=alert(1)> \'q\' ]]>';
    const html = bodyToHtml(
      doc(
        p(text(hostile, [link('https://example.com/?a="><script>x</script>&b=1')])),
        { type: 'heading', attrs: { level: 2 }, content: [text(hostile)] },
        { type: 'image', attrs: { src: '/media/a.jpg', alt: hostile, caption: hostile, credit: hostile } },
      ),
      base,
    );
    expect(html).not.toMatch(/<script|<img src=x|onerror=alert\(1\)>|]]>/);
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;img src=x onerror=alert(1)&gt; &#39;q&#39; ]]&gt;');
    expect(html).toContain('<a href="https://example.com/?a=%22%3E%3Cscript%3Ex%3C/script%3E&amp;b=1">');
    // Exactly the elements the renderer means to emit, nothing smuggled in.
    expect([...html.matchAll(/<([a-z0-9]+)/g)].map((m) => m[1])).toEqual(['p', 'a', 'h2', 'p', 'img', 'p', 'em']);
  });

  it('makes site-relative links and images absolute, keeps http(s), and drops other schemes to text', () => {
    const html = bodyToHtml(
      doc(
        p(text('internal', [link('/climate/floods')]), text(' anchor', [link('#methods')]), text(' mail', [link('mailto:desk@example.com')])),
        { type: 'image', attrs: { src: '/media/k.jpg', alt: 'A pump' } },
        { type: 'image', attrs: { src: 'http://images.example.org/p.png', alt: '' } },
      ),
      base,
    );
    expect(html).toBe(
      '<p><a href="https://news.example.com/climate/floods">internal</a><a href="https://news.example.com/science/heat-pumps#methods"> anchor</a> mail</p>' +
        '<p><img src="https://news.example.com/media/k.jpg" alt="A pump"></p><p><img src="http://images.example.org/p.png" alt=""></p>',
    );
  });

  it('renders nothing for unsafe URLs even when a document skipped validation', () => {
    const unchecked = {
      type: 'doc',
      content: [
        { type: 'paragraph', content: [{ type: 'text', text: 'x', marks: [{ type: 'link', attrs: { href: 'javascript:alert(1)' } }] }] },
        { type: 'image', attrs: { src: 'javascript:alert(1)', alt: 'x' } },
        { type: 'image', attrs: { src: 'data:text/html,<script>', alt: 'x' } },
        { type: 'iframe', attrs: { src: 'https://evil.example' } },
      ],
    } as unknown as BodyDocument;
    expect(bodyToHtml(unchecked, base)).toBe('<p>x</p>');
  });
});
