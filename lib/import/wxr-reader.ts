import { SaxesParser } from 'saxes';

/**
 * Streams a WordPress eXtended RSS export (WXR 1.2, what Tools → Export writes) as records, one at a
 * time, never holding more than one item in memory: the site, each author, category, tag and item.
 * Items keep their fields as text (the element name → its text or CDATA), their `<category>` terms and
 * their `<wp:postmeta>` pairs; comments are only counted. Broken XML ends the stream with an `error`
 * record naming the line and column, after every record completed before it.
 */

export type WxrSite = { title: string; link: string; baseSiteUrl: string; baseBlogUrl: string; wxrVersion: string };
export type WxrAuthor = { id: string; login: string; email: string; displayName: string; firstName: string; lastName: string };
export type WxrTerm = { termId: string; slug: string; name: string; parent: string; description: string };
export type WxrItem = {
  /** Element name → text: title, link, guid, content:encoded, excerpt:encoded, wp:post_id, wp:status, … */
  fields: Record<string, string>;
  /** `<category domain="category|post_tag" nicename="…">Name</category>`, in document order. */
  terms: { domain: string; nicename: string; name: string }[];
  /** `<wp:postmeta>` key → value (the first of each key). */
  meta: Record<string, string>;
  comments: number;
  /** Fields cut at MAX_FIELD characters (or the reader's `maxField`). */
  truncated: string[];
};

export type WxrRecord =
  | { type: 'site'; site: WxrSite }
  | { type: 'author'; author: WxrAuthor }
  | { type: 'category'; term: WxrTerm }
  | { type: 'tag'; term: WxrTerm }
  | { type: 'item'; item: WxrItem }
  | { type: 'error'; message: string };

/** Longest text kept from one field (16 MB of characters): a post body larger than that is cut. */
export const MAX_FIELD = 16 * 1024 * 1024;

const CHANNEL_ENTRIES = new Set(['wp:author', 'wp:category', 'wp:tag', 'wp:term', 'item']);

function emptyItem(): WxrItem {
  return { fields: {}, terms: [], meta: {}, comments: 0, truncated: [] };
}

/** Reads WXR text chunks (a file read as UTF-8) and yields its records in document order. */
export async function* readWxr(
  chunks: AsyncIterable<string | Buffer>,
  { maxField = MAX_FIELD }: { maxField?: number } = {},
): AsyncGenerator<WxrRecord> {
  const parser = new SaxesParser({ xmlns: false, position: true });
  const out: WxrRecord[] = [];
  const stack: string[] = [];
  const channel: Record<string, string> = {};
  let siteSent = false;
  let text = '';
  let cut = false;
  let item: WxrItem | null = null;
  let entry: Record<string, string> | null = null;
  let meta: { key: string; value: string } | null = null;
  let term: { domain: string; nicename: string } | null = null;

  const sendSite = () => {
    if (siteSent) return;
    siteSent = true;
    out.push({
      type: 'site',
      site: {
        title: channel.title ?? '',
        link: channel.link ?? '',
        baseSiteUrl: channel['wp:base_site_url'] ?? '',
        baseBlogUrl: channel['wp:base_blog_url'] ?? '',
        wxrVersion: channel['wp:wxr_version'] ?? '',
      },
    });
  };
  const append = (chunk: string) => {
    if (cut) return;
    if (text.length + chunk.length > maxField) {
      text += chunk.slice(0, maxField - text.length);
      cut = true;
    } else text += chunk;
  };

  parser.on('opentag', (tag) => {
    const name = tag.name;
    if (stack.length === 0 && name !== 'rss') throw new Error(`its root element is <${name}>, not <rss>`);
    const parent = stack[stack.length - 1];
    stack.push(name);
    text = '';
    cut = false;
    if (parent === 'channel' && CHANNEL_ENTRIES.has(name)) {
      sendSite();
      if (name === 'item') item = emptyItem();
      else entry = {};
    } else if (item && parent === 'item' && name === 'category') {
      const attrs = tag.attributes as Record<string, string>;
      term = { domain: attrs.domain ?? '', nicename: attrs.nicename ?? '' };
    } else if (item && name === 'wp:postmeta') {
      meta = { key: '', value: '' };
    }
  });
  parser.on('text', append);
  parser.on('cdata', append);
  parser.on('closetag', (tag) => {
    const name = tag.name;
    stack.pop();
    const parent = stack[stack.length - 1];
    if (parent === 'channel') {
      if (name === 'item' && item) {
        // A copy: the texts are slices of the parser's input, and V8 keeps a slice's whole parent alive,
        // so a catalog of ids and addresses would otherwise hold on to the file.
        out.push({ type: 'item', item: structuredClone(item) });
        item = null;
      } else if (entry && name === 'wp:author') {
        const e = entry;
        out.push({
          type: 'author',
          author: structuredClone({
            id: e['wp:author_id'] ?? '',
            login: e['wp:author_login'] ?? '',
            email: e['wp:author_email'] ?? '',
            displayName: e['wp:author_display_name'] ?? '',
            firstName: e['wp:author_first_name'] ?? '',
            lastName: e['wp:author_last_name'] ?? '',
          }),
        });
        entry = null;
      } else if (entry && (name === 'wp:category' || name === 'wp:tag' || name === 'wp:term')) {
        const e = entry;
        const taxonomy = name === 'wp:term' ? e['wp:term_taxonomy'] : name === 'wp:category' ? 'category' : 'post_tag';
        const t: WxrTerm = {
          termId: e['wp:term_id'] ?? '',
          slug: e['wp:category_nicename'] ?? e['wp:tag_slug'] ?? e['wp:term_slug'] ?? '',
          name: e['wp:cat_name'] ?? e['wp:tag_name'] ?? e['wp:term_name'] ?? '',
          parent: e['wp:category_parent'] ?? e['wp:term_parent'] ?? '',
          description: e['wp:category_description'] ?? e['wp:tag_description'] ?? e['wp:term_description'] ?? '',
        };
        if (taxonomy === 'category') out.push({ type: 'category', term: structuredClone(t) });
        else if (taxonomy === 'post_tag') out.push({ type: 'tag', term: structuredClone(t) });
        entry = null;
      } else if (!entry && !item) {
        channel[name] = text;
      }
    } else if (item && parent === 'item') {
      if (name === 'category' && term) {
        item.terms.push({ ...term, name: text.trim() });
        term = null;
      } else if (name === 'wp:postmeta' && meta) {
        if (meta.key && !(meta.key in item.meta)) item.meta[meta.key] = meta.value;
        meta = null;
      } else if (name === 'wp:comment') {
        item.comments += 1;
      } else {
        item.fields[name] = text;
        if (cut) item.truncated.push(name);
      }
    } else if (item && meta && parent === 'wp:postmeta') {
      if (name === 'wp:meta_key') meta.key = text;
      else if (name === 'wp:meta_value') meta.value = text;
    } else if (entry && parent && (parent === 'wp:author' || parent === 'wp:category' || parent === 'wp:tag' || parent === 'wp:term')) {
      entry[name] = text;
    } else if (name === 'channel') {
      sendSite();
    }
    text = '';
    cut = false;
  });

  const failure = (error: unknown): WxrRecord => {
    const message = error instanceof Error ? error.message : String(error);
    const where = /^(\d+):(\d+): (.*)$/s.exec(message);
    return {
      type: 'error',
      message: where
        ? `The XML is broken at line ${where[1]}, column ${where[2]}: ${where[3]}`
        : `The file cannot be read as a WordPress export: ${message}.`,
    };
  };

  let next = 0;
  const decoder = new TextDecoder('utf-8');
  try {
    for await (const chunk of chunks) {
      parser.write(typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true }));
      while (next < out.length) yield out[next++]!;
      out.length = 0;
      next = 0;
    }
    parser.close();
    if (stack.length === 0 && !siteSent) throw new Error('it is empty or has no <channel>');
  } catch (error) {
    while (next < out.length) yield out[next++]!;
    yield failure(error);
    return;
  }
  while (next < out.length) yield out[next++]!;
}
