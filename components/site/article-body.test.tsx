import fc from 'fast-check';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { ArticleBody } from '@/components/site/article-body';
import { bodyDocumentSchema } from '@/lib/articles/body-schema';
import { anyUrl } from '@/tests/support/arbitraries';
import { decodeHtmlAttribute, isBrowserSafe } from '@/tests/support/browser-url';

/** Tags and attributes the body renderer may emit; anything else in its output is a failure. */
const ALLOWED: Record<string, Set<string>> = {
  p: new Set(),
  h2: new Set(),
  h3: new Set(),
  strong: new Set(),
  em: new Set(),
  span: new Set(['class']),
  a: new Set(['href', 'rel']),
  br: new Set(),
  ul: new Set(),
  ol: new Set(['start']),
  li: new Set(),
  blockquote: new Set(),
  hr: new Set(),
  figure: new Set(),
  figcaption: new Set(),
  img: new Set(['src', 'alt', 'loading', 'decoding', 'class', 'width', 'height', 'srcset', 'sizes', 'fetchpriority', 'style']),
};

/** Every tag, attribute and URL in `html` that the renderer must not emit. */
function violations(html: string): string[] {
  const found: string[] = [];
  for (const tag of html.matchAll(/<\/?([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[^\s=>]+(?:="[^"]*")?)*)\s*\/?>/g)) {
    const name = tag[1]!.toLowerCase();
    const allowed = ALLOWED[name];
    if (!allowed) {
      found.push(`tag <${name}>`);
      continue;
    }
    for (const attr of (tag[2] ?? '').matchAll(/\s+([^\s=>]+)(?:="([^"]*)")?/g)) {
      const attrName = attr[1]!.toLowerCase();
      const value = decodeHtmlAttribute(attr[2] ?? '');
      if (!allowed.has(attrName)) found.push(`attribute ${attrName} on <${name}>`);
      else if (attrName === 'style' && value !== 'color:transparent') found.push(`style ${value}`);
      else if (attrName === 'href' && !isBrowserSafe(value)) found.push(`href ${value}`);
      else if (attrName === 'src' && !isBrowserSafe(value, { allowMailto: false })) found.push(`src ${value}`);
      else if (attrName === 'srcset') for (const entry of value.split(', ')) if (!isBrowserSafe(entry.split(' ')[0]!, { allowMailto: false })) found.push(`srcset ${entry}`);
    }
  }
  // Text is escaped: no raw "<" may survive outside the tags matched above.
  const stripped = html.replace(/<\/?([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[^\s=>]+(?:="[^"]*")?)*)\s*\/?>/g, '');
  if (stripped.includes('<')) found.push('unescaped "<" in text');
  return found;
}

const hostileText = fc.oneof(
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 30 }),
  fc.constantFrom('<script>alert(1)</script>', '<img src=x onerror=alert(1)>', '"><svg onload=alert(1)>', "'-alert(1)-'", '</p><iframe srcdoc="x">', '&lt;b&gt;', '{{constructor.constructor("alert(1)")()}}'),
);
const extraKey = fc.constantFrom({}, {}, {}, { html: '<b>x</b>' }, { onclick: 'alert(1)' }, { style: 'background:url(javascript:alert(1))' });
const mark = fc.oneof(
  fc.constant({ type: 'bold' }),
  fc.constant({ type: 'italic' }),
  anyUrl.map((href) => ({ type: 'link', attrs: { href } })),
  fc.constantFrom({ type: 'code' }, { type: 'html', attrs: { html: '<script>alert(1)</script>' } }, { type: 'link', attrs: { href: '/x', onclick: 'alert(1)' } }),
);
const text = fc
  .tuple(hostileText, fc.option(fc.array(mark, { maxLength: 3 }), { nil: undefined }), extraKey)
  .map(([t, marks, extra]) => ({ type: 'text', text: t, ...(marks ? { marks } : {}), ...extra }));
const inline = fc.oneof({ weight: 6, arbitrary: text }, { weight: 1, arbitrary: fc.constant({ type: 'hardBreak' }) });
const paragraph = fc.tuple(fc.array(inline, { maxLength: 4 }), extraKey).map(([content, extra]) => ({ type: 'paragraph', content, ...extra }));
const image = fc
  .record({
    src: fc.oneof(anyUrl, fc.constant('/media/abc.jpg')),
    alt: hostileText,
    caption: fc.option(hostileText, { nil: undefined }),
    credit: fc.option(hostileText, { nil: undefined }),
    width: fc.option(fc.integer({ min: 1, max: 4000 }), { nil: undefined }),
    height: fc.option(fc.integer({ min: 1, max: 4000 }), { nil: undefined }),
  })
  .map((attrs) => ({ type: 'image', attrs }));
const { block } = fc.letrec((tie) => ({
  block: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    paragraph,
    fc.tuple(fc.constantFrom(1, 2, 3, 4), fc.array(inline, { maxLength: 3 })).map(([level, content]) => ({ type: 'heading', attrs: { level }, content })),
    image,
    fc.constant({ type: 'horizontalRule' }),
    fc.constantFrom({ type: 'html', html: '<script>alert(1)</script>' }, { type: 'iframe', attrs: { src: 'javascript:alert(1)' } }, { type: 'codeBlock', content: [] }),
    fc.tuple(fc.constantFrom('bulletList', 'orderedList'), fc.array(tie('item'), { minLength: 1, maxLength: 3 })).map(([type, content]) => ({ type, content })),
    fc.array(tie('block'), { minLength: 1, maxLength: 3 }).map((content) => ({ type: 'blockquote', content })),
  ),
  item: fc.array(fc.oneof(paragraph, tie('block')), { minLength: 1, maxLength: 2 }).map((content) => ({ type: 'listItem', content })),
}));
const anyDocument = fc.array(block, { maxLength: 6 }).map((content) => ({ type: 'doc', content }));

describe('ArticleBody with the body schema (properties)', () => {
  it('renders only known elements, attributes and safe URLs for every document the schema accepts', () => {
    let accepted = 0;
    fc.assert(
      fc.property(anyDocument, (doc) => {
        const parsed = bodyDocumentSchema.safeParse(doc);
        if (!parsed.success) return;
        accepted += 1;
        const html = renderToStaticMarkup(<ArticleBody body={parsed.data} />);
        expect(violations(html), html).toEqual([]);
      }),
      { numRuns: 1000 },
    );
    // The generator must reach the renderer often, or the property says nothing.
    expect(accepted).toBeGreaterThan(100);
  }, 120_000);

  it('the checker itself catches markup the renderer must never emit', () => {
    expect(violations('<p><a href="javascript:alert(1)">x</a></p>')).toEqual(['href javascript:alert(1)']);
    expect(violations('<p><a href="java&#x09;script:alert(1)">x</a></p>')).toEqual(['href java\tscript:alert(1)']);
    expect(violations('<img src="x" onerror="alert(1)"/>')).toEqual(['attribute onerror on <img>']);
    expect(violations('<script>alert(1)</script>')).toEqual(['tag <script>', 'tag <script>']);
    expect(violations('<p>ok</p>')).toEqual([]);
  });
});
