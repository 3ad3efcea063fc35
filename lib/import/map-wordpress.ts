import type { WxrAuthor, WxrItem, WxrRecord, WxrSite, WxrTerm } from '@/lib/import/wxr-reader';
import {
  clipText,
  isoDate,
  plainText,
  storable,
  type ImportWarning,
  type MappedItem,
  type SourceAuthor,
  type SourcePost,
  type SourceSection,
  type SourceStatus,
  type SourceTag,
} from '@/lib/import/source-model';
import { slugify } from '@/lib/text/slug';

/**
 * How a WordPress export maps onto Masthead, pure: the first pass over the file collects a catalog
 * (authors, categories, tags, attachments, what items use), the second maps each item with it.
 * - post → article; published page → standing page; attachment → the image a post's `_thumbnail_id` names;
 *   menus, revisions, blocks, templates and the like are not content and are passed over; any other type
 *   (a plugin's products or events) is reported and not imported.
 * - publish → published at its date, future → scheduled at it, draft → draft, pending → in review,
 *   private and password-protected → draft (with a warning: they were not public), trash and auto-draft → not imported.
 * - the first category → the section (Uncategorized → the default section), further categories → tags.
 */

/** Post types that are WordPress's own machinery, not content: passed over without a warning. */
const NOT_CONTENT = new Set([
  'attachment',
  'nav_menu_item',
  'revision',
  'custom_css',
  'customize_changeset',
  'oembed_cache',
  'user_request',
  'wp_block',
  'wp_template',
  'wp_template_part',
  'wp_global_styles',
  'wp_navigation',
  'wp_font_family',
  'wp_font_face',
]);

/** The category every WordPress site has; its posts go to the default section. */
const UNCATEGORIZED = 'uncategorized';

export type WordPressAttachment = { url: string; alt: string; caption: string };

/** What the first pass learns: the site, its people and terms, attachments, and what the items use. */
export type WordPressCatalog = {
  site: WxrSite | null;
  authors: Map<string, WxrAuthor>;
  categories: Map<string, WxrTerm>;
  tags: Map<string, WxrTerm>;
  attachments: Map<string, WordPressAttachment>;
  usedAuthors: Set<string>;
  usedSections: Set<string>;
  usedTags: Set<string>;
  items: number;
  comments: number;
  error: string | null;
};

export function emptyWordPressCatalog(): WordPressCatalog {
  return {
    site: null,
    authors: new Map(),
    categories: new Map(),
    tags: new Map(),
    attachments: new Map(),
    usedAuthors: new Set(),
    usedSections: new Set(),
    usedTags: new Set(),
    items: 0,
    comments: 0,
    error: null,
  };
}

const field = (item: WxrItem, name: string) => item.fields[name] ?? '';

/** Adds one record of the first pass to the catalog (`categorySections` false: categories are all tags, as with `--section`). */
export function addToWordPressCatalog(
  catalog: WordPressCatalog,
  record: WxrRecord,
  { categorySections = true }: { categorySections?: boolean } = {},
): void {
  switch (record.type) {
    case 'site':
      catalog.site = record.site;
      return;
    case 'author':
      if (record.author.login) catalog.authors.set(record.author.login, record.author);
      return;
    case 'category':
      if (record.term.slug) catalog.categories.set(decodeSlug(record.term.slug), record.term);
      return;
    case 'tag':
      if (record.term.slug) catalog.tags.set(decodeSlug(record.term.slug), record.term);
      return;
    case 'error':
      catalog.error = record.message;
      return;
    case 'item': {
      const item = record.item;
      const type = field(item, 'wp:post_type');
      if (type === 'attachment') {
        catalog.attachments.set(field(item, 'wp:post_id'), {
          url: field(item, 'wp:attachment_url') || field(item, 'guid'),
          alt: plainText(item.meta._wp_attachment_image_alt ?? ''),
          caption: plainText(field(item, 'excerpt:encoded')),
        });
        return;
      }
      if (type !== 'post' && type !== 'page') return;
      catalog.items += 1;
      catalog.comments += item.comments;
      if (type === 'page' || 'skip' in decideWordPressStatus(item)) return;
      const creator = field(item, 'dc:creator');
      if (creator) catalog.usedAuthors.add(creator);
      const { section, tags } = termsOf(item, { categorySections });
      if (section) catalog.usedSections.add(section);
      for (const tag of tags) {
        catalog.usedTags.add(tag.key);
        // A tag an item uses but the export did not declare: known by its name.
        if (tag.key.startsWith('tag:') && !catalog.tags.has(tag.slug))
          catalog.tags.set(tag.slug, { termId: '', slug: tag.slug, name: tag.name, parent: '', description: '' });
        if (tag.key.startsWith('category:') && !catalog.categories.has(tag.slug))
          catalog.categories.set(tag.slug, { termId: '', slug: tag.slug, name: tag.name, parent: '', description: '' });
      }
      if (section && !catalog.categories.has(section)) {
        const term = item.terms.find((t) => t.domain === 'category' && decodeSlug(t.nicename) === section);
        catalog.categories.set(section, { termId: '', slug: section, name: term?.name ?? section, parent: '', description: '' });
      }
    }
  }
}

/** A WordPress slug (percent-encoded UTF-8 for non-ASCII) as text. */
function decodeSlug(slug: string): string {
  try {
    return decodeURIComponent(slug);
  } catch {
    return slug;
  }
}

/** The section (first category other than Uncategorized) and the tags (post tags, then further categories) of an item. */
function termsOf(
  item: WxrItem,
  { categorySections }: { categorySections: boolean },
): { section: string | null; tags: { key: string; slug: string; name: string }[] } {
  const categories = item.terms
    .filter((t) => t.domain === 'category' && t.nicename)
    .map((t) => ({ slug: decodeSlug(t.nicename), name: plainText(t.name) }));
  const first = categories[0]?.slug ?? null;
  const section = categorySections && first && first !== UNCATEGORIZED ? first : null;
  const tags = [
    ...item.terms
      .filter((t) => t.domain === 'post_tag' && t.nicename)
      .map((t) => ({ key: `tag:${decodeSlug(t.nicename)}`, slug: decodeSlug(t.nicename), name: plainText(t.name) })),
    ...categories
      .slice(categorySections ? 1 : 0)
      .filter((c) => c.slug !== UNCATEGORIZED)
      .map((c) => ({ key: `category:${c.slug}`, slug: c.slug, name: c.name })),
  ];
  return { section, tags };
}

/** The status an item gets, or why it is not imported. */
export function decideWordPressStatus(item: WxrItem): { status: SourceStatus; note: string | null } | { skip: string } {
  const status = field(item, 'wp:status');
  const protectedPost = field(item, 'wp:post_password') !== '';
  switch (status) {
    case 'trash':
      return { skip: 'it is in the WordPress trash' };
    case 'auto-draft':
      return { skip: 'it is an empty automatic draft' };
    case 'publish':
      return protectedPost
        ? { status: 'DRAFT', note: 'It was password-protected in WordPress: imported as a draft, not published.' }
        : { status: 'PUBLISHED', note: null };
    case 'future':
      return { status: 'SCHEDULED', note: null };
    case 'pending':
      return { status: 'IN_REVIEW', note: null };
    case 'private':
      return { status: 'DRAFT', note: 'It was private in WordPress: imported as a draft, not published.' };
    case 'draft':
      return { status: 'DRAFT', note: null };
    default:
      return { status: 'DRAFT', note: `Its WordPress status “${status || 'none'}” is unknown: imported as a draft.` };
  }
}

/**
 * Wraps the paragraphs of classic-editor content in <p> as WordPress does when it shows them
 * (wpautop): blank lines separate paragraphs, single line breaks become <br>. Content that already
 * has paragraphs (the block editor's) is left as it is.
 */
export function autoParagraphs(html: string): string {
  if (/<p[\s>]/i.test(html) || !html.includes('\n')) return html;
  const block =
    /^<\/?(?:table|thead|tfoot|caption|col|colgroup|tbody|tr|td|th|div|dl|dd|dt|ul|ol|li|pre|form|blockquote|address|math|style|script|p|h[1-6]|hr|fieldset|section|article|aside|header|footer|nav|figure|figcaption|details|summary|iframe|video|audio|object|\[caption)/i;
  return html
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .map((chunk) => chunk.trim())
    .filter(Boolean)
    .map((chunk) => (block.test(chunk) ? chunk : `<p>${chunk.replace(/\n/g, '<br>\n')}</p>`))
    .join('\n');
}

const authorName = (a: WxrAuthor) => plainText(a.displayName) || plainText(`${a.firstName} ${a.lastName}`) || a.login;

/** A slug for `text`, or `fallback` when it has no letters or digits. */
const slugOr = (text: string, fallback: string) => slugify(text) || fallback;

/** The sections, authors and tags the items use, as the import creates them. */
export function wordPressTaxonomy(
  catalog: WordPressCatalog,
  { categorySections = true }: { categorySections?: boolean } = {},
): { sections: SourceSection[]; authors: SourceAuthor[]; tags: SourceTag[] } {
  const notes: string[] = [];
  const sections = [...(categorySections ? catalog.usedSections : [])].map((slug): SourceSection => {
    const term = catalog.categories.get(slug);
    const name = clipText(plainText(term?.name ?? '') || slug, 120, 'A category name', notes);
    return {
      sourceId: slug,
      name,
      slug: slugOr(slug, slugOr(name, `category-${term?.termId || 'x'}`)),
      description: clipText(plainText(term?.description ?? ''), 500, 'A category description', notes) || null,
      oldUrls: [`/category/${slug}/`],
    };
  });
  const authors = [...catalog.usedAuthors].map((login): SourceAuthor => {
    const author = catalog.authors.get(login);
    const name = clipText(author ? authorName(author) : login, 120, 'An author name', notes);
    return {
      sourceId: login,
      name,
      slug: slugOr(name, slugOr(login, 'author')),
      bio: null,
      photo: null,
      oldUrls: [`/author/${slugOr(login, 'author')}/`],
    };
  });
  const tags = [...catalog.usedTags].flatMap((key): SourceTag[] => {
    const [kind, slug] = [key.slice(0, key.indexOf(':')), key.slice(key.indexOf(':') + 1)];
    const term = kind === 'tag' ? catalog.tags.get(slug) : catalog.categories.get(slug);
    const name = clipText(plainText(term?.name ?? '') || slug, 60, 'A tag name', notes);
    const tagSlug = slugify(name) || slugify(slug);
    if (!tagSlug) return [];
    return [{ sourceId: key, name, slug: tagSlug, oldUrls: kind === 'tag' ? [`/tag/${slug}/`] : [] }];
  });
  return { sections, authors, tags };
}

/** The SEO title a plugin (Yoast, Rank Math) stored, unless it is a template such as "%%title%% %%sep%%". */
function seoText(meta: Record<string, string>, keys: string[], max: number, notes: string[], what: string): string | null {
  for (const key of keys) {
    const value = plainText(meta[key] ?? '');
    if (value && !value.includes('%%') && !value.includes('%title%')) return clipText(value, max, what, notes);
  }
  return null;
}

/** Maps one item of the second pass: a post or page to import, or why it is not imported (null: silently, it is not content). */
export function mapWordPressItem(
  item: WxrItem,
  catalog: WordPressCatalog,
  { categorySections = true }: { categorySections?: boolean } = {},
): MappedItem {
  const type = field(item, 'wp:post_type');
  const id = field(item, 'wp:post_id');
  const title = plainText(field(item, 'title'));
  const label = `“${(title || '(untitled)').slice(0, 80)}” (WordPress id ${id || '?'})`;
  if (NOT_CONTENT.has(type)) return { skip: null };
  if (type !== 'post' && type !== 'page') {
    return {
      skip: {
        code: 'unknown-type',
        message: `${label} is a “${storable(type) || 'unknown'}” item, a type Masthead does not import.`,
        item: id,
      },
    };
  }
  const decided = decideWordPressStatus(item);
  if ('skip' in decided) return { skip: { code: 'not-imported', message: `${label} is not imported: ${decided.skip}.`, item: id } };
  if (type === 'page' && decided.status !== 'PUBLISHED') {
    return {
      skip: {
        code: 'page-not-published',
        message: `${label} is an unpublished page: standing pages are public, so it is not imported.`,
        item: id,
      },
    };
  }

  const notes: string[] = [];
  if (decided.note) notes.push(decided.note);
  const date = isoDate(field(item, 'wp:post_date_gmt')) ?? isoDate(field(item, 'wp:post_date')) ?? isoDate(field(item, 'pubDate'));
  const status = decided.status === 'SCHEDULED' && !date ? 'DRAFT' : decided.status;
  if (status !== decided.status) notes.push('Its scheduled date is missing or unusable: imported as a draft.');
  for (const name of item.truncated) notes.push(`Its ${name} was longer than the import reads and was cut.`);
  const headline = clipText(title, type === 'page' ? 160 : 300, 'The title', notes) || 'Untitled';
  if (!title) notes.push('It had no title: imported as “Untitled”.');
  const { section, tags } = termsOf(item, { categorySections });
  const thumbnail = item.meta._thumbnail_id ? catalog.attachments.get(item.meta._thumbnail_id) : undefined;
  if (item.meta._thumbnail_id && !thumbnail) notes.push(`Its featured image (attachment ${item.meta._thumbnail_id}) is not in the export.`);
  const canonical = plainText(item.meta._yoast_wpseo_canonical ?? '');
  const base = type === 'page' ? 'page_id' : 'p';
  const post: SourcePost = {
    sourceId: id,
    kind: type,
    status,
    headline,
    slug: slugOr(decodeSlug(field(item, 'wp:post_name')), slugOr(headline, `${type}-${id}`)),
    standfirst: clipText(plainText(field(item, 'excerpt:encoded')), type === 'page' ? 500 : 1000, 'The excerpt', notes),
    html: autoParagraphs(storable(field(item, 'content:encoded'))),
    publishedAt: status === 'PUBLISHED' ? date : null,
    scheduledAt: status === 'SCHEDULED' ? date : null,
    createdAt: date,
    modifiedAt: isoDate(field(item, 'wp:post_modified_gmt')) ?? isoDate(field(item, 'wp:post_modified')),
    sectionSourceId: type === 'post' ? section : null,
    authorSourceIds: type === 'post' && field(item, 'dc:creator') ? [field(item, 'dc:creator')] : [],
    tagSourceIds: type === 'post' ? tags.map((t) => t.key) : [],
    featuredImage: thumbnail?.url
      ? {
          url: thumbnail.url,
          alt: clipText(thumbnail.alt, 500, 'The featured image’s alt text', notes),
          caption: clipText(thumbnail.caption, 1000, 'The featured image’s caption', notes),
        }
      : null,
    seoTitle: seoText(item.meta, ['_yoast_wpseo_title', 'rank_math_title'], 300, notes, 'The SEO title'),
    seoDescription: seoText(item.meta, ['_yoast_wpseo_metadesc', 'rank_math_description'], 500, notes, 'The SEO description'),
    canonicalUrl: /^https?:\/\/[^\s]+$/i.test(canonical) && canonical.length <= 2048 ? canonical : null,
    oldUrls: [field(item, 'link'), ...(id ? [`/?${base}=${id}`] : [])].filter(Boolean),
    notes,
  };
  return { post };
}

/** The site an export came from: its blog address without a trailing slash. */
export function wordPressSiteUrl(site: WxrSite | null): string | null {
  const url = site?.baseBlogUrl || site?.link || site?.baseSiteUrl;
  return url ? url.replace(/\/+$/, '') : null;
}

/** The warnings the first pass has for the whole export (the comments it leaves behind). */
export function wordPressNotes(catalog: WordPressCatalog): ImportWarning[] {
  const out: ImportWarning[] = [];
  if (catalog.site && !catalog.site.wxrVersion)
    out.push({ code: 'format', message: 'The file has no wp:wxr_version: it may not be a WordPress export; reading it anyway.' });
  if (catalog.comments > 0)
    out.push({
      code: 'comments',
      message: `${catalog.comments.toLocaleString('en')} comments are not imported: Masthead has no comments.`,
    });
  return out;
}
