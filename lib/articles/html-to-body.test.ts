import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bodyDocumentSchema, type BodyDocument } from '@/lib/articles/body-schema';
import { htmlToBody } from '@/lib/articles/html-to-body';
import { anyUrl } from '@/tests/support/arbitraries';
import { isBrowserSafe } from '@/tests/support/browser-url';

const text = (t: string, marks?: unknown[]) => ({ type: 'text', text: t, ...(marks ? { marks } : {}) });
const p = (...content: unknown[]) => ({ type: 'paragraph', content });

/** Every link href and image src in a body. */
function addresses(body: BodyDocument): string[] {
  const out: string[] = [];
  const walk = (n: unknown) => {
    const node = n as { type?: string; attrs?: { src?: string }; marks?: { attrs?: { href?: string } }[]; content?: unknown[] };
    if (node.type === 'image' && node.attrs?.src) out.push(node.attrs.src);
    for (const m of node.marks ?? []) if (m.attrs?.href) out.push(m.attrs.href);
    (node.content ?? []).forEach(walk);
  };
  walk(body);
  return out;
}

describe('htmlToBody', () => {
  it('keeps what the editor keeps: paragraphs, marks, links, lists, quotes, rules', () => {
    const { body, dropped } = htmlToBody(
      '<p>A <strong>bold</strong> and <em>italic</em> <a href="https://example.com/x" target="_blank" class="c">link</a>.</p><ul><li>one</li></ul><ol start="3"><li>three</li></ol><blockquote><p>Quoted.</p></blockquote><hr>',
    );
    expect(dropped).toEqual([]);
    expect(body.content).toEqual([
      p(
        text('A '),
        text('bold', [{ type: 'bold' }]),
        text(' and '),
        text('italic', [{ type: 'italic' }]),
        text(' '),
        text('link', [{ type: 'link', attrs: { href: 'https://example.com/x' } }]),
        text('.'),
      ),
      { type: 'bulletList', content: [{ type: 'listItem', content: [p(text('one'))] }] },
      { type: 'orderedList', attrs: { start: 3 }, content: [{ type: 'listItem', content: [p(text('three'))] }] },
      { type: 'blockquote', content: [p(text('Quoted.'))] },
      { type: 'horizontalRule' },
    ]);
  });

  it('maps headings as the paste rules do: H1 to H2, H4–H6 to H3', () => {
    const { body } = htmlToBody('<h1>One</h1><h2>Two</h2><h3>Three</h3><h4>Four</h4><h6>Six</h6>');
    expect(body.content.map((b) => (b.type === 'heading' ? b.attrs.level : b.type))).toEqual([2, 2, 3, 3, 3]);
  });

  it('drops scripts, styles, embeds and forms, and says so in words', () => {
    const { body, dropped } = htmlToBody(
      '<p>Before</p><script>alert(1)</script><style>p{color:red}</style><iframe src="https://www.youtube.com/embed/abc"></iframe><form action="/x"><input name="q"><button>Go</button></form><video src="v.mp4"></video><p>After</p>',
    );
    expect(body.content).toEqual([p(text('Before')), p(text('After'))]);
    expect(dropped).toEqual(['a script', 'a style sheet', 'an embedded page from youtube.com (iframe)', 'a form', 'a video']);
    expect(JSON.stringify(body)).not.toMatch(/alert|script|iframe|color/);
  });

  it('never keeps a javascript: link or an event handler; the text stays', () => {
    const { body, dropped } = htmlToBody(
      '<p><a href="javascript:alert(document.cookie)">Click</a> <a href=" JaVaScRiPt:alert(1)">me</a><img src="https://example.com/a.jpg" onerror="alert(1)"></p>',
    );
    expect(JSON.stringify(body)).not.toMatch(/javascript|onerror|alert/i);
    expect(body.content[0]).toEqual(p(text('Click me')));
    expect(dropped).toContain('a link to “javascript:” (its text is kept) (2×)');
    expect(dropped).toContain('an event handler attribute (onerror)');
  });

  it('keeps a figure’s caption on the image and drops data: images', () => {
    const { body, dropped } = htmlToBody(
      '<figure class="kg-card kg-image-card"><img src="https://example.com/a.jpg" alt="A harbour" width="1200" height="800"><figcaption>Dawn at the <a href="https://x.test">harbour</a></figcaption></figure><p><img src="data:image/png;base64,AAAA"></p>',
    );
    expect(body.content).toEqual([
      {
        type: 'image',
        attrs: { src: 'https://example.com/a.jpg', alt: 'A harbour', caption: 'Dawn at the harbour', width: 1200, height: 800 },
      },
    ]);
    expect(dropped).toEqual(['an image embedded in the HTML (data: address)']);
  });

  it('turns WordPress shortcodes into figures or drops them, leaving bracketed words alone', () => {
    const { body, dropped } = htmlToBody(
      '[caption id="attachment_7" align="alignnone" width="300"]<img src="/wp-content/uploads/cat.jpg" alt="A cat" width="300" height="200" /> A cat on a mat[/caption]\n<p>He said [sic] it was fine [Updated: 3 May]. [gallery ids="1,2,3"] [embed]https://youtu.be/x[/embed] [su_box title="Box"]Boxed text[/su_box]</p>',
    );
    expect(body.content[0]).toEqual({
      type: 'image',
      attrs: { src: '/wp-content/uploads/cat.jpg', alt: 'A cat', caption: 'A cat on a mat', width: 300, height: 200 },
    });
    expect(body.content[1]).toEqual(p(text('He said [sic] it was fine [Updated: 3 May]. Boxed text')));
    expect(dropped).toEqual(['the [embed] shortcode', 'the [gallery] shortcode', 'the [su_box] shortcode']);
  });

  it('keeps a table’s text, one paragraph a row, and says the layout went', () => {
    const { body, dropped } = htmlToBody('<table><tr><th>Party</th><th>Seats</th></tr><tr><td>Green</td><td><b>12</b></td></tr></table>');
    expect(body.content).toEqual([p(text('Party | Seats')), p(text('Green | '), text('12', [{ type: 'bold' }]))]);
    expect(dropped).toEqual(['a table’s layout (its text is kept, one paragraph a row)']);
  });

  it('cuts what exceeds the body’s limits instead of failing', () => {
    const long = htmlToBody(`<p>${'a'.repeat(45_000)}</p>`);
    expect(long.body.content).toHaveLength(1);
    expect((long.body.content[0] as { content: { text: string }[] }).content.map((t) => t.text.length)).toEqual([20_000, 20_000, 5_000]);
    const many = htmlToBody('<p>x</p>'.repeat(5_003));
    expect(many.body.content).toHaveLength(5_000);
    expect(many.dropped).toEqual(['everything after the first 5,000 paragraphs']);
    const alt = htmlToBody(`<img src="https://example.com/a.jpg" alt="${'d'.repeat(900)}">`);
    expect((alt.body.content[0] as { attrs: { alt: string } }).attrs.alt).toHaveLength(500);
  });

  it('answers an empty document for empty or blank HTML', () => {
    expect(htmlToBody('').body).toEqual({ type: 'doc', content: [{ type: 'paragraph' }] });
    expect(htmlToBody('<p>&nbsp;</p>\n<p> </p><!-- wp:paragraph --><!-- /wp:paragraph -->').body).toEqual({
      type: 'doc',
      content: [{ type: 'paragraph' }],
    });
  });

  it('whatever the link or image address, the result validates and a browser would only go to http(s), mailto or this site', () => {
    fc.assert(
      fc.property(anyUrl, (url) => {
        const attr = url.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
        const { body } = htmlToBody(`<p><a href="${attr}">x</a></p><img src="${attr}">`);
        expect(bodyDocumentSchema.safeParse(body).success).toBe(true);
        for (const address of addresses(body)) expect(isBrowserSafe(address), address).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
