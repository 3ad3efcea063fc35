import { getSchema } from '@tiptap/core';
import { DOMParser as ProseMirrorParser } from '@tiptap/pm/model';
import { parseHTML } from 'linkedom';
import { bodyDocumentSchema, emptyBody, type BodyDocument } from '@/lib/articles/body-schema';
import { editorExtensions } from '@/lib/articles/editor-extensions';
import { normalizeEditorJson, normalizePastedHtml } from '@/lib/articles/normalize-body';
import { isSafeUrl } from '@/lib/text/safe-url';

/**
 * HTML from elsewhere (a WordPress or Ghost export, the Admin API) as our structured body, through the
 * editor's own paste rules: headings mapped by `normalizePastedHtml`, parsed by ProseMirror with the
 * editor's extension list, reduced by `normalizeEditorJson` and validated by `bodyDocumentSchema`.
 * Nothing is kept as raw HTML. What could not be converted (scripts, embeds, forms, shortcodes, unsafe
 * links…) is named in `dropped`, in words for an editor. Pure: no I/O.
 */

type Json = { type?: string; attrs?: Record<string, unknown>; content?: Json[]; marks?: Json[]; text?: string };

const MAX_TEXT = 20_000;
const MAX_BLOCKS = 5000;

/** Elements removed with everything inside them, and how an editor is told. */
const REMOVED: Record<string, (el: Element) => string | null> = {
  SCRIPT: () => 'a script',
  STYLE: () => 'a style sheet',
  LINK: () => 'a style sheet',
  IFRAME: (el) => `an embedded page${hostOf(el.getAttribute('src'))} (iframe)`,
  FRAME: () => 'an embedded page (frame)',
  OBJECT: () => 'an embedded plugin object',
  EMBED: () => 'an embedded plugin object',
  APPLET: () => 'an embedded plugin object',
  FORM: () => 'a form',
  INPUT: () => 'a form field',
  BUTTON: () => 'a form field',
  SELECT: () => 'a form field',
  TEXTAREA: () => 'a form field',
  VIDEO: () => 'a video',
  AUDIO: () => 'an audio player',
  CANVAS: () => 'a canvas drawing',
  SVG: () => 'an SVG drawing',
  MATH: () => 'a formula (MathML)',
  NOSCRIPT: () => null,
  TEMPLATE: () => null,
  META: () => null,
  BASE: () => null,
  TITLE: () => null,
};

/** Shortcodes whose content is a media address or setting, not text: dropped with it. */
const MEDIA_SHORTCODES = new Set([
  'embed',
  'video',
  'audio',
  'playlist',
  'gallery',
  'wpvideo',
  'youtube',
  'vimeo',
  'soundcloud',
  'tweet',
  'instagram',
]);

function hostOf(src: string | null): string {
  if (!src) return '';
  try {
    return ` from ${new URL(src.startsWith('//') ? `https:${src}` : src).hostname.replace(/^www\./, '')}`;
  } catch {
    return '';
  }
}

/** Counts what was dropped; `list()` says each once, with how many times when more than once. */
class Dropped {
  private counts = new Map<string, number>();
  add(what: string) {
    this.counts.set(what, (this.counts.get(what) ?? 0) + 1);
  }
  list(): string[] {
    return [...this.counts].map(([what, n]) => (n > 1 ? `${what} (${n}×)` : what));
  }
}

/**
 * WordPress shortcodes: `[caption]` becomes a figure with its caption; media shortcodes (`[gallery]`,
 * `[embed]…[/embed]`) go with their content; any other shortcode's tags go and its content stays. Only
 * brackets that look like shortcodes count (a known media name, attributes, or an opening and closing
 * pair), so "[sic]" or "[Updated: 3 May]" in a sentence are left alone.
 */
function replaceShortcodes(html: string, dropped: Dropped): string {
  let out = html.replace(/\[caption([^\]]*)\]([\s\S]*?)\[\/caption\]/gi, (_m, attrs: string, inner: string) => {
    const image = /^\s*((?:<a\b[^>]*>\s*)?<img\b[^>]*>(?:\s*<\/a>)?)([\s\S]*)$/i.exec(inner);
    const fromAttr = /\bcaption="([^"]*)"/i.exec(attrs)?.[1] ?? '';
    if (!image) return inner;
    const caption = (image[2] ?? '').trim() || fromAttr;
    return `<figure>${image[1]}<figcaption>${caption}</figcaption></figure>`;
  });
  for (const name of MEDIA_SHORTCODES) {
    const pair = new RegExp(`\\[${name}\\b[^\\]]*\\][\\s\\S]*?\\[\\/${name}\\]`, 'gi');
    out = out.replace(pair, () => {
      dropped.add(`the [${name}] shortcode`);
      return '';
    });
  }
  const closers = new Set([...out.matchAll(/\[\/([a-zA-Z][\w-]*)\]/g)].map((m) => m[1]!.toLowerCase()));
  return out.replace(
    /\[(\/)?([a-zA-Z][\w-]*)(\s+[^\]]*)?\/?\]/g,
    (whole, closing: string | undefined, rawName: string, attrs: string | undefined) => {
      const name = rawName.toLowerCase();
      const isShortcode = MEDIA_SHORTCODES.has(name) || (attrs !== undefined && attrs.includes('=')) || closers.has(name);
      if (!isShortcode) return whole;
      if (!closing) dropped.add(`the [${name}] shortcode`);
      return '';
    },
  );
}

/** `//host/x` (protocol-relative) as https, which is what it meant on an https site. */
const absolute = (url: string) => (url.startsWith('//') ? `https:${url}` : url);

/** Removes and rewrites what the editor's schema must not see; returns the captions of figures by image address. */
function cleanDom(document: Document, dropped: Dropped): Map<string, string[]> {
  const body = document.body;
  for (const el of [...Array.from(body.querySelectorAll('*'))]) {
    if (!body.contains(el)) continue; // inside an element already removed
    const describe = REMOVED[el.tagName.toUpperCase()];
    if (describe) {
      const what = describe(el);
      if (what) dropped.add(what);
      el.remove();
      continue;
    }
    for (const { name } of [...Array.from(el.attributes)]) {
      if (/^on/i.test(name)) {
        dropped.add(`an event handler attribute (${name.toLowerCase()})`);
        el.removeAttribute(name);
      }
    }
  }
  for (const a of Array.from(body.querySelectorAll('a[href]'))) {
    const href = absolute((a.getAttribute('href') ?? '').trim());
    if (href === '' || !isSafeUrl(href)) {
      const scheme = /^\s*([a-z][a-z0-9+.-]*):/i.exec(href)?.[1]?.toLowerCase();
      dropped.add(scheme ? `a link to “${scheme}:” (its text is kept)` : 'a link with an unusable address (its text is kept)');
      a.removeAttribute('href');
    } else {
      a.setAttribute('href', href);
    }
  }
  const captions = new Map<string, string[]>();
  for (const img of Array.from(body.querySelectorAll('img'))) {
    // Lazy-loading plugins keep the real address in data-src and a placeholder in src.
    const src = absolute((img.getAttribute('data-src') ?? img.getAttribute('data-lazy-src') ?? img.getAttribute('src') ?? '').trim());
    if (!src || !isSafeUrl(src, { allowMailto: false })) {
      dropped.add(src.startsWith('data:') ? 'an image embedded in the HTML (data: address)' : 'an image with an unusable address');
      img.remove();
      continue;
    }
    img.setAttribute('src', src);
  }
  for (const figure of Array.from(body.querySelectorAll('figure, div.wp-caption'))) {
    const img = figure.querySelector('img');
    const caption = figure.querySelector('figcaption, .wp-caption-text');
    if (!img || !caption) continue;
    const text = (caption.textContent ?? '').replace(/\s+/g, ' ').trim();
    caption.remove();
    if (!text) continue;
    const src = img.getAttribute('src') ?? '';
    captions.set(src, [...(captions.get(src) ?? []), text]);
  }
  for (const table of Array.from(body.querySelectorAll('table'))) {
    const rows = Array.from(table.querySelectorAll('tr')).map((tr) => {
      const p = document.createElement('p');
      Array.from(tr.querySelectorAll('td, th')).forEach((cell, i) => {
        if (i > 0) p.appendChild(document.createTextNode(' | '));
        for (const child of [...Array.from(cell.childNodes)]) p.appendChild(child);
      });
      return p;
    });
    dropped.add('a table’s layout (its text is kept, one paragraph a row)');
    table.replaceWith(...rows);
  }
  if (body.querySelector('pre, code')) dropped.add('code formatting (the text is kept)');
  return captions;
}

let parser: ProseMirrorParser | undefined;
const editorParser = () => (parser ??= ProseMirrorParser.fromSchema(getSchema(editorExtensions)));

const isBlank = (node: Json) =>
  node.type === 'paragraph' && (node.content ?? []).every((c) => c.type === 'text' && !(c.text ?? '').replace(/[\s\u00a0]+/g, ''));

const clip = (value: unknown, max: number) => (typeof value === 'string' && value.length > max ? value.slice(0, max) : value);

/** A pixel size the body schema accepts, or undefined. */
function pixels(value: unknown): number | undefined {
  const n = typeof value === 'string' ? Number(value) : value;
  return typeof n === 'number' && Number.isFinite(n) && n >= 1 && n <= 20_000 ? Math.round(n) : undefined;
}

/** Fits the editor's JSON to the body schema's limits: captions attached, sizes and long texts cut, unsafe marks gone. */
function fit(node: Json, captions: Map<string, string[]>, dropped: Dropped): Json[] {
  if (node.type === 'text') {
    const marks = (node.marks ?? []).filter((m) => m.type !== 'link' || isSafeUrl(String(m.attrs?.href ?? '')));
    const base: Json = { type: 'text', ...(marks.length ? { marks } : {}) };
    const text = node.text ?? '';
    const parts: Json[] = [];
    for (let i = 0; i < text.length; i += MAX_TEXT) parts.push({ ...base, text: text.slice(i, i + MAX_TEXT) });
    return parts;
  }
  if (node.type === 'image') {
    const attrs = { ...node.attrs };
    const src = String(attrs.src ?? '');
    const caption = captions.get(src)?.shift();
    if (caption && !attrs.caption) attrs.caption = caption;
    attrs.alt = clip(attrs.alt ?? '', 500);
    attrs.caption = clip(attrs.caption, 1000);
    attrs.title = clip(attrs.title, 300);
    for (const side of ['width', 'height'] as const) {
      const value = pixels(attrs[side]);
      if (value === undefined) delete attrs[side];
      else attrs[side] = value;
    }
    for (const key of Object.keys(attrs)) if (attrs[key] === null || attrs[key] === undefined) delete attrs[key];
    return [{ type: 'image', attrs }];
  }
  const out: Json = { ...node };
  if (node.content) out.content = node.content.flatMap((child) => fit(child, captions, dropped));
  return [out];
}

/** The text of each block, one paragraph each, when the structure could not be kept. */
function plainParagraphs(doc: Json): Json[] {
  const texts: string[] = [];
  const walk = (n: Json, line: string[]): void => {
    if (n.type === 'text') line.push(n.text ?? '');
    else if (n.type === 'hardBreak') line.push(' ');
    else if (n.type === 'paragraph' || n.type === 'heading') {
      const own: string[] = [];
      (n.content ?? []).forEach((c) => walk(c, own));
      texts.push(own.join(''));
    } else (n.content ?? []).forEach((c) => walk(c, line));
  };
  walk(doc, []);
  return texts
    .map((t) => t.trim())
    .filter(Boolean)
    .flatMap((t) => Array.from({ length: Math.ceil(t.length / MAX_TEXT) }, (_, i) => t.slice(i * MAX_TEXT, (i + 1) * MAX_TEXT)))
    .slice(0, MAX_BLOCKS)
    .map((text) => ({ type: 'paragraph', content: [{ type: 'text', text }] }));
}

/** Converts HTML to a body document the schema accepts, and says what could not be converted. */
export function htmlToBody(html: string): { body: BodyDocument; dropped: string[] } {
  const dropped = new Dropped();
  const source = normalizePastedHtml(replaceShortcodes(html, dropped));
  const { document } = parseHTML('<!doctype html><html><head></head><body></body></html>') as unknown as { document: Document };
  document.body.innerHTML = source;
  const captions = cleanDom(document, dropped);
  const parsed = editorParser().parse(document.body).toJSON() as Json;
  const normalized = normalizeEditorJson(parsed) as Json;
  let blocks = (fit(normalized, captions, dropped)[0]?.content ?? []).filter((b) => !isBlank(b));
  if (blocks.length > MAX_BLOCKS) {
    dropped.add(`everything after the first ${MAX_BLOCKS.toLocaleString('en')} paragraphs`);
    blocks = blocks.slice(0, MAX_BLOCKS);
  }
  if (blocks.length === 0) return { body: emptyBody, dropped: dropped.list() };
  const checked = bodyDocumentSchema.safeParse({ type: 'doc', content: blocks });
  if (checked.success) return { body: checked.data, dropped: dropped.list() };
  dropped.add(
    `the formatting (it did not fit the body’s rules: ${checked.error.issues[0]?.message ?? 'invalid'}); the text is kept as plain paragraphs`,
  );
  const plain = bodyDocumentSchema.safeParse({ type: 'doc', content: plainParagraphs({ type: 'doc', content: blocks }) });
  return { body: plain.success ? plain.data : emptyBody, dropped: dropped.list() };
}
