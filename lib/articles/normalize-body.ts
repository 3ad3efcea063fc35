/**
 * Bridges the rich-text editor and the stored body: pasted HTML is mapped onto our heading levels, and
 * the editor's JSON is reduced to the nodes, marks and attributes `bodyDocumentSchema` accepts (the
 * editor adds defaults such as link targets or null attributes that readers never need).
 */

type Json = { type?: string; attrs?: Record<string, unknown>; content?: Json[]; marks?: Json[]; text?: string };

/** Maps H1 to H2 and H4–H6 to H3 in pasted HTML (Word, Google Docs), keeping their text. */
export function normalizePastedHtml(html: string): string {
  return html.replace(/<(\/?)h([1-6])(\s[^>]*)?>/gi, (_m, slash: string, level: string, attrs: string | undefined) => {
    const n = Number(level) <= 2 ? 2 : 3;
    return `<${slash}h${n}${slash ? '' : (attrs ?? '')}>`;
  });
}

const KEEP_ATTRS: Record<string, string[]> = {
  heading: ['level'],
  orderedList: ['start'],
  image: ['src', 'imageId', 'alt', 'caption', 'credit', 'width', 'height', 'title'],
};
const MARKS = new Set(['bold', 'italic', 'link']);

function clean(node: Json): Json {
  const out: Json = { type: node.type };
  const keep = KEEP_ATTRS[node.type ?? ''];
  if (keep && node.attrs) {
    const attrs: Record<string, unknown> = {};
    for (const k of keep) if (node.attrs[k] !== undefined && node.attrs[k] !== null) attrs[k] = node.attrs[k];
    if (node.type === 'image' && attrs.alt === undefined) attrs.alt = '';
    if (node.type === 'orderedList' && attrs.start === 1) delete attrs.start;
    if (Object.keys(attrs).length || node.type === 'heading' || node.type === 'image') out.attrs = attrs;
  }
  if (node.type === 'text') {
    out.text = node.text ?? '';
    const marks = (node.marks ?? [])
      .filter((m) => MARKS.has(m.type ?? ''))
      .map((m) => (m.type === 'link' ? { type: 'link', attrs: { href: String(m.attrs?.href ?? '') } } : { type: m.type }));
    if (marks.length) out.marks = marks;
  }
  if (node.content) out.content = node.content.filter((c) => c.type !== 'text' || (c.text ?? '').length > 0).map(clean);
  return out;
}

/** The editor's document, reduced to what the body schema accepts (validation still decides). */
export function normalizeEditorJson(doc: unknown): unknown {
  if (!doc || typeof doc !== 'object') return doc;
  return clean(doc as Json);
}
