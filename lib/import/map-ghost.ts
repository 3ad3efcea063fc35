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
 * How a Ghost export maps onto Masthead, pure. Ghost writes `posts` before `users`, `tags` and the join
 * tables, so the first pass collects those (the catalog) and the second maps each post with it.
 * - post → article, page (`type: page`) → standing page when published; bodies from `html` (Lexical and
 *   Mobiledoc are not read; a post with neither has its `plaintext` as paragraphs);
 * - published → published at `published_at`, scheduled → scheduled at it, draft → draft; `sent`
 *   (email only) and members-only posts → draft with a warning, since they were never public;
 * - the primary tag (the first public tag) → the section, unless `--section` puts everything in one;
 *   every public tag → a tag; internal tags (`#…`) are left out;
 * - staff users → authors with their bio and profile picture.
 */

/** The tables the import reads; the first pass reads them all (posts only for their ids and types), the second only posts. */
export const GHOST_TABLES: ReadonlySet<string> = new Set([
  'posts',
  'posts_meta',
  'posts_tags',
  'posts_authors',
  'tags',
  'users',
  'settings',
]);

type Row = Record<string, unknown>;
const str = (row: Row | undefined, key: string): string => {
  const v = row?.[key];
  return typeof v === 'string' ? storable(v) : typeof v === 'number' ? String(v) : '';
};

export type GhostCatalog = {
  /** The ids of the articles-to-be (posts, not pages), whose tags and authors the import creates. */
  posts: Set<string>;
  users: Map<string, Row>;
  tags: Map<string, Row>;
  /** post id → tag ids, by sort_order. */
  postTags: Map<string, { id: string; order: number }[]>;
  postAuthors: Map<string, { id: string; order: number }[]>;
  /** post id → its posts_meta row (feature image alt and caption, meta title and description). */
  postMeta: Map<string, Row>;
  settings: Map<string, string>;
  meta: Row | null;
  error: string | null;
};

export function emptyGhostCatalog(): GhostCatalog {
  return {
    posts: new Set(),
    users: new Map(),
    tags: new Map(),
    postTags: new Map(),
    postAuthors: new Map(),
    postMeta: new Map(),
    settings: new Map(),
    meta: null,
    error: null,
  };
}

const push = (map: Map<string, { id: string; order: number }[]>, key: string, id: string, order: number) => {
  if (!key || !id) return;
  const list = map.get(key) ?? [];
  list.push({ id, order });
  map.set(key, list);
};

/** Adds one row of the first pass to the catalog. */
export function addToGhostCatalog(catalog: GhostCatalog, table: string, row: Row): void {
  const order = Number(row.sort_order ?? 0) || 0;
  switch (table) {
    case 'posts':
      if ((str(row, 'type') || 'post') === 'post') catalog.posts.add(str(row, 'id'));
      // Ghost before 1.22 named one author on the post itself; after posts_authors' own rows.
      push(catalog.postAuthors, str(row, 'id'), str(row, 'author_id'), Number.MAX_SAFE_INTEGER);
      return;
    case 'users':
      catalog.users.set(str(row, 'id'), row);
      return;
    case 'tags':
      catalog.tags.set(str(row, 'id'), row);
      return;
    case 'posts_tags':
      push(catalog.postTags, str(row, 'post_id'), str(row, 'tag_id'), order);
      return;
    case 'posts_authors':
      push(catalog.postAuthors, str(row, 'post_id'), str(row, 'author_id'), order);
      return;
    case 'posts_meta':
      catalog.postMeta.set(str(row, 'post_id'), row);
      return;
    case 'settings':
      if (str(row, 'key')) catalog.settings.set(str(row, 'key'), str(row, 'value'));
  }
}

/** A public tag: Ghost's internal tags (visibility internal, names starting with #) organise, they are not shown. */
const isPublicTag = (tag: Row | undefined) => !!tag && str(tag, 'visibility') !== 'internal' && !str(tag, 'name').startsWith('#');

const byOrder = (list: { id: string; order: number }[] | undefined) => [
  ...new Set([...(list ?? [])].sort((a, b) => a.order - b.order).map((x) => x.id)),
];

/** Ghost's `__GHOST_URL__` placeholder (exports since 4.0) as a path on the old site (`sitePath`: '' or its folder, e.g. /blog). */
const unplaceholder = (value: string, sitePath: string) => value.replaceAll('__GHOST_URL__', sitePath);

/** The tags of a post that readers saw, in Ghost's order. */
function publicTagIds(catalog: GhostCatalog, postId: string): string[] {
  return byOrder(catalog.postTags.get(postId)).filter((id) => isPublicTag(catalog.tags.get(id)));
}

/** The status a post gets, or why it is not imported. */
export function decideGhostStatus(post: Row): { status: SourceStatus; note: string | null } {
  const status = str(post, 'status');
  const visibility = str(post, 'visibility') || 'public';
  if (status === 'published' && visibility !== 'public')
    return {
      status: 'DRAFT',
      note: `It was for ${visibility === 'paid' ? 'paying members' : 'members'} only in Ghost: imported as a draft, not published.`,
    };
  if (status === 'published') return { status: 'PUBLISHED', note: null };
  if (status === 'scheduled') return { status: 'SCHEDULED', note: null };
  if (status === 'sent') return { status: 'DRAFT', note: 'It was sent by email only, never on the site: imported as a draft.' };
  if (status === 'draft') return { status: 'DRAFT', note: null };
  return { status: 'DRAFT', note: `Its Ghost status “${status || 'none'}” is unknown: imported as a draft.` };
}

/** The sections (primary tags, unless one section is forced), authors and tags the posts use. */
export function ghostTaxonomy(
  catalog: GhostCatalog,
  { primaryTagSections, sitePath = '' }: { primaryTagSections: boolean; sitePath?: string },
): { sections: SourceSection[]; authors: SourceAuthor[]; tags: SourceTag[] } {
  const notes: string[] = [];
  const sectionIds = new Set<string>();
  const tagIds = new Set<string>();
  for (const postId of catalog.posts) {
    const ids = publicTagIds(catalog, postId);
    if (primaryTagSections && ids[0]) sectionIds.add(ids[0]);
    ids.forEach((id) => tagIds.add(id));
  }
  const authorIds = new Set([...catalog.posts].flatMap((postId) => byOrder(catalog.postAuthors.get(postId))));
  const sections = [...sectionIds].map((id): SourceSection => {
    const tag = catalog.tags.get(id);
    const name = clipText(plainText(str(tag, 'name')), 120, 'A tag name', notes) || str(tag, 'slug');
    return {
      sourceId: id,
      name,
      slug: slugify(str(tag, 'slug')) || slugify(name) || `tag-${id}`,
      description: clipText(plainText(str(tag, 'description')), 500, 'A tag description', notes) || null,
      oldUrls: [],
    };
  });
  const tags = [...tagIds].flatMap((id): SourceTag[] => {
    const tag = catalog.tags.get(id);
    const name = clipText(plainText(str(tag, 'name')), 60, 'A tag name', notes);
    const slug = slugify(name) || slugify(str(tag, 'slug'));
    return slug ? [{ sourceId: id, name, slug, oldUrls: [`${sitePath}/tag/${str(tag, 'slug')}/`] }] : [];
  });
  const authors = [...authorIds].flatMap((id): SourceAuthor[] => {
    const user = catalog.users.get(id);
    if (!user) return [];
    const name = clipText(plainText(str(user, 'name')), 120, 'An author name', notes) || str(user, 'slug') || 'Unnamed author';
    const photo = unplaceholder(str(user, 'profile_image'), sitePath);
    return [
      {
        sourceId: id,
        name,
        slug: slugify(str(user, 'slug')) || slugify(name) || `author-${id}`,
        bio: clipText(plainText(str(user, 'bio')), 2000, 'An author bio', notes) || null,
        photo: photo ? { url: photo, alt: name, caption: '' } : null,
        oldUrls: [`${sitePath}/author/${str(user, 'slug')}/`],
      },
    ];
  });
  return { sections, authors, tags };
}

/** Paragraphs from Ghost's `plaintext`, for a post exported without HTML. */
const plaintextHtml = (text: string) =>
  text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => `<p>${p.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</p>`)
    .join('');

/** Maps one post of the second pass: a post or page to import, or why it is not imported. */
export function mapGhostPost(
  post: Row,
  catalog: GhostCatalog,
  { primaryTagSections, sitePath = '' }: { primaryTagSections: boolean; sitePath?: string },
): MappedItem {
  const id = str(post, 'id');
  const type = str(post, 'type') || 'post';
  const title = plainText(str(post, 'title'));
  const label = `“${(title || '(untitled)').slice(0, 80)}” (Ghost id ${id || '?'})`;
  if (type !== 'post' && type !== 'page')
    return { skip: { code: 'unknown-type', message: `${label} is a “${type}”, a type Masthead does not import.`, item: id } };
  const decided = decideGhostStatus(post);
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
  const date = isoDate(str(post, 'published_at'));
  const status = decided.status === 'SCHEDULED' && !date ? 'DRAFT' : decided.status;
  if (status !== decided.status) notes.push('Its scheduled date is missing or unusable: imported as a draft.');
  const meta = catalog.postMeta.get(id);
  // Ghost 4+ keeps SEO and image text in posts_meta; older exports on the post.
  const metaText = (key: string) => str(meta, key) || str(post, key);
  let html = str(post, 'html');
  if (!html) {
    const text = str(post, 'plaintext');
    if (text) notes.push('It has no HTML in the export (only Lexical or Mobiledoc): its plain text is imported as paragraphs.');
    html = plaintextHtml(text);
  }
  const tagIds = publicTagIds(catalog, id);
  const authorIds = byOrder(catalog.postAuthors.get(id));
  const image = unplaceholder(str(post, 'feature_image'), sitePath);
  const canonical = str(post, 'canonical_url');
  const slug = slugify(str(post, 'slug')) || slugify(title) || `${type}-${id}`;
  const result: SourcePost = {
    sourceId: id,
    kind: type,
    status,
    headline: clipText(title, type === 'page' ? 160 : 300, 'The title', notes) || 'Untitled',
    slug,
    standfirst: clipText(plainText(str(post, 'custom_excerpt')), type === 'page' ? 500 : 1000, 'The excerpt', notes),
    html: unplaceholder(html, sitePath),
    publishedAt: status === 'PUBLISHED' ? date : null,
    scheduledAt: status === 'SCHEDULED' ? date : null,
    createdAt: isoDate(str(post, 'created_at')) ?? date,
    modifiedAt: isoDate(str(post, 'updated_at')),
    sectionSourceId: type === 'post' && primaryTagSections ? (tagIds[0] ?? null) : null,
    authorSourceIds: type === 'post' ? authorIds.filter((a) => catalog.users.has(a)) : [],
    tagSourceIds: type === 'post' ? tagIds : [],
    featuredImage: image
      ? {
          url: image,
          alt: clipText(plainText(metaText('feature_image_alt')), 500, 'The feature image’s alt text', notes),
          caption: clipText(plainText(metaText('feature_image_caption')), 1000, 'The feature image’s caption', notes),
        }
      : null,
    seoTitle: clipText(plainText(metaText('meta_title')), 300, 'The meta title', notes) || null,
    seoDescription: clipText(plainText(metaText('meta_description')), 500, 'The meta description', notes) || null,
    canonicalUrl: /^https?:\/\/[^\s]+$/i.test(canonical) && canonical.length <= 2048 ? canonical : null,
    // Ghost's default routes: every post and page at /<slug>/.
    oldUrls: str(post, 'slug') ? [`${sitePath}/${str(post, 'slug')}/`] : [],
    notes,
  };
  if (!title) notes.push('It had no title: imported as “Untitled”.');
  return { post: result };
}

/** The warnings the first pass has for the whole export. */
export function ghostNotes(catalog: GhostCatalog): ImportWarning[] {
  const internal = [...catalog.tags.values()].filter((t) => !isPublicTag(t)).map((t) => str(t, 'name'));
  const out: ImportWarning[] = [];
  if (internal.length)
    out.push({
      code: 'internal-tags',
      message: `${internal.length} internal Ghost tags are not imported: ${internal.slice(0, 10).join(', ')}${internal.length > 10 ? ', …' : ''}.`,
    });
  return out;
}
