import 'server-only';
import { decodeCursor, pageFrom, type CursorValue } from '@/lib/api/decide-cursor';
import type { ListArticlesQuery, ListQuery } from '@/lib/api/content-schemas';
import { bodyDocumentSchema, emptyBody } from '@/lib/articles/body-schema';
import { bodyToHtml } from '@/lib/articles/body-html';
import { publishedSql, publishedWhere } from '@/lib/articles/published';
import type { Db } from '@/lib/db';
import { AppError } from '@/lib/errors';
import type { Prisma } from '@/lib/generated/prisma/client';
import { absoluteUrlOn, articlePath, authorPath, campaignPath, mediaPath, sectionPath, tagPath } from '@/lib/routes';
import { Prisma as P } from '@/lib/generated/prisma/client';

/**
 * The Content API's reads. Every article query starts from `publishedWhere` (the reader pages' one
 * predicate), whatever the filters: a draft, scheduled, archived or trashed article is never returned.
 * The Admin API's answers use `articleApiInclude`/`presentArticle` on the row it wrote.
 */

export const articleApiInclude = {
  section: { select: { id: true, slug: true, name: true } },
  campaign: { select: { id: true, slug: true, name: true, partnerName: true, disclosureLabel: true } },
  heroImage: { select: { id: true, storageKey: true, width: true, height: true, alt: true, caption: true, credit: true } },
  authors: {
    orderBy: { position: 'asc' },
    select: { author: { select: { id: true, slug: true, name: true, jobTitle: true, organisation: true } } },
  },
  tags: { select: { tag: { select: { id: true, slug: true, name: true } } }, orderBy: { tag: { name: 'asc' } } },
  corrections: { orderBy: [{ publishedAt: 'desc' }, { id: 'desc' }], select: { kind: true, text: true, publishedAt: true } },
} as const satisfies Prisma.ArticleInclude;

type ArticleRow = Prisma.ArticleGetPayload<{ include: typeof articleApiInclude }>;

/** A library image as the API shows it. */
export const presentImage = (
  i: { id: string; storageKey: string; width: number; height: number; alt: string; caption: string; credit: string },
  siteUrl: string,
) => imageOf(siteUrl, i);

const imageOf = (
  siteUrl: string,
  i: { id: string; storageKey: string; width: number; height: number; alt: string; caption: string; credit: string },
) => ({
  id: i.id,
  url: absoluteUrlOn(siteUrl, mediaPath(i.storageKey)),
  width: i.width,
  height: i.height,
  alt: i.alt,
  caption: i.caption,
  credit: i.credit,
});

/** An article row as the API shows it (all fields; `pickFields` narrows it). */
export function presentArticle(a: ArticleRow, { siteUrl }: { siteUrl: string }) {
  const path = articlePath({ section: a.section, slug: a.slug });
  const parsed = bodyDocumentSchema.safeParse(a.body);
  const body = parsed.success ? parsed.data : emptyBody;
  return {
    id: a.id,
    url: absoluteUrlOn(siteUrl, path),
    path,
    headline: a.headline,
    slug: a.slug,
    standfirst: a.standfirst,
    status: a.deletedAt ? ('TRASHED' as const) : a.status,
    version: a.version,
    publishedAt: a.publishedAt?.toISOString() ?? null,
    scheduledAt: a.scheduledAt?.toISOString() ?? null,
    updatedAt: a.updatedAt.toISOString(),
    section: a.section,
    campaign: a.campaign,
    sponsored: a.sponsored,
    authors: a.authors.map((x) => x.author),
    tags: a.tags.map((x) => x.tag),
    hero: a.heroImage ? imageOf(siteUrl, a.heroImage) : null,
    body: body as unknown as Record<string, unknown>,
    bodyHtml: bodyToHtml(body, { baseUrl: siteUrl }),
    seo: { title: a.seoTitle, description: a.seoDescription, canonicalUrl: a.canonicalUrl },
    corrections: a.corrections.map((c) => ({ kind: c.kind, text: c.text, publishedAt: c.publishedAt.toISOString() })),
  };
}

/** Only the named fields of a presented object, in the order asked. */
export function pickFields<T extends Record<string, unknown>>(item: T, fields: readonly string[]): Partial<T> {
  return Object.fromEntries(fields.filter((f) => f in item).map((f) => [f, item[f]])) as Partial<T>;
}

/** What an id or slug in a path can be; anything else (NUL, 8,000 characters, `../`) is simply not found. */
const LOOKUP_KEY = /^[A-Za-z0-9_-]{1,120}$/;
function lookupKeyOrThrow(value: string, what: string): string {
  if (!LOOKUP_KEY.test(value)) throw new AppError('NOT_FOUND', `No ${what} has that id or slug.`);
  return value;
}

const BAD_CURSOR = () => new AppError('INVALID', 'The cursor is not one this API gave out: start again without it.');
const SEARCH_BATCH = 500;

/** One page of published articles, newest first (publishedAt, then id), filtered as asked. */
export async function listPublishedArticles(db: Db, q: ListArticlesQuery, { now = new Date() }: { now?: Date } = {}) {
  const after = q.cursor ? decodeCursor(q.cursor, ['string', 'string']) : null;
  if (q.cursor && !after) throw BAD_CURSOR();
  const published: Prisma.ArticleWhereInput = { ...publishedWhere(now) };
  const and: Prisma.ArticleWhereInput[] = [published];
  if (q.section) and.push({ section: { slug: q.section } });
  if (q.author) and.push({ authors: { some: { author: { slug: q.author } } } });
  if (q.campaign) and.push({ campaign: { slug: q.campaign } });
  if (q.tag) and.push({ tags: { some: { tag: { slug: q.tag } } } });
  if (q.sponsored) and.push({ sponsored: q.sponsored === 'true' });
  if (q.since) and.push({ publishedAt: { gte: new Date(q.since) } });
  if (q.until) and.push({ publishedAt: { lt: new Date(q.until) } });
  if (after) {
    const at = new Date(String(after[0]));
    if (Number.isNaN(at.getTime())) throw BAD_CURSOR();
    and.push({ OR: [{ publishedAt: { lt: at } }, { publishedAt: at, id: { lt: String(after[1]) } }] });
  }
  const orderBy = [{ publishedAt: 'desc' }, { id: 'desc' }] as const satisfies Prisma.ArticleOrderByWithRelationInput[];
  let rows: ArticleRow[];
  if (!q.q) {
    rows = await db.article.findMany({ where: { AND: and }, orderBy, take: q.limit + 1, include: articleApiInclude });
  } else {
    rows = await searchPublished(db, q.q, and, q.limit + 1, after, now);
  }
  return pageFrom(rows, q.limit, (r) => [r.publishedAt!.toISOString(), r.id]);
}

/**
 * Full-text matches (the site search's own tsquery and index) in the list's order, with the other
 * filters applied by Prisma: matching ids are read newest first in batches until a page is full.
 */
async function searchPublished(
  db: Db,
  text: string,
  and: Prisma.ArticleWhereInput[],
  want: number,
  after: CursorValue[] | null,
  now: Date,
): Promise<ArticleRow[]> {
  const found: ArticleRow[] = [];
  let cursor = after ? { at: new Date(String(after[0])), id: String(after[1]) } : null;
  for (;;) {
    const keyset = cursor
      ? P.sql`AND (a."publishedAt" < ${cursor.at} OR (a."publishedAt" = ${cursor.at} AND a."id" < ${cursor.id}))`
      : P.empty;
    const ids = await db.$queryRaw<{ id: string; publishedAt: Date }[]>`
      SELECT a."id", a."publishedAt" FROM "Article" a
      WHERE ${publishedSql(now)} AND a."searchVector" @@ (websearch_to_tsquery('english', ${text}) || websearch_to_tsquery('simple', ${text})) ${keyset}
      ORDER BY a."publishedAt" DESC, a."id" DESC LIMIT ${SEARCH_BATCH}`;
    if (ids.length === 0) return found;
    const rows = await db.article.findMany({
      where: { AND: [...and, { id: { in: ids.map((r) => r.id) } }] },
      orderBy: [{ publishedAt: 'desc' }, { id: 'desc' }],
      take: want - found.length,
      include: articleApiInclude,
    });
    found.push(...rows);
    if (found.length >= want || ids.length < SEARCH_BATCH) return found;
    const last = ids.at(-1)!;
    cursor = { at: last.publishedAt, id: last.id };
  }
}

/** One published article by id, or NOT_FOUND (also for a draft: the Content API never says it exists). */
export async function getPublishedArticleOrThrow(
  db: Db,
  where: { id: string } | { section: string; slug: string },
  { now = new Date() } = {},
) {
  const key = (v: string) => lookupKeyOrThrow(v, 'published article');
  const match: Prisma.ArticleWhereInput =
    'id' in where ? { id: key(where.id) } : { slug: key(where.slug), section: { slug: key(where.section) } };
  const row = await db.article.findFirst({ where: { AND: [publishedWhere(now), match] }, include: articleApiInclude });
  if (!row) throw new AppError('NOT_FOUND', 'No published article has that id or path.');
  return row;
}

/** Keyset condition "after (a, id)" on one ordering column plus the id. */
function afterKey<W>(column: string, cursor: CursorValue[] | null): W {
  if (!cursor) return {} as W;
  const [value, id] = cursor;
  return { OR: [{ [column]: { gt: value } }, { [column]: value, id: { gt: id } }] } as W;
}

function cursorOf(q: ListQuery, kinds: ('string' | 'number')[]): CursorValue[] | null {
  if (!q.cursor) return null;
  const c = decodeCursor(q.cursor, kinds);
  if (!c) throw BAD_CURSOR();
  return c;
}

/** Sections in the navigation's order (position, then id). */
export async function listSections(db: Db, q: ListQuery, siteUrl: string) {
  const rows = await db.section.findMany({
    where: afterKey<Prisma.SectionWhereInput>('position', cursorOf(q, ['number', 'string'])),
    orderBy: [{ position: 'asc' }, { id: 'asc' }],
    take: q.limit + 1,
  });
  const page = pageFrom(rows, q.limit, (r) => [r.position, r.id]);
  return { items: page.items.map((s) => presentSection(s, siteUrl)), nextCursor: page.nextCursor };
}

export async function getSectionOrThrow(db: Db, id: string, siteUrl: string) {
  lookupKeyOrThrow(id, 'section');
  const row = await db.section.findFirst({ where: { OR: [{ id }, { slug: id }] } });
  if (!row) throw new AppError('NOT_FOUND', 'No section has that id or slug.');
  return presentSection(row, siteUrl);
}

const presentSection = (
  s: { id: string; slug: string; name: string; description: string | null; parentId: string | null; position: number },
  siteUrl: string,
) => ({
  id: s.id,
  slug: s.slug,
  name: s.name,
  description: s.description,
  parentId: s.parentId,
  position: s.position,
  url: absoluteUrlOn(siteUrl, sectionPath(s.slug)),
});

const authorSelect = {
  id: true,
  slug: true,
  name: true,
  jobTitle: true,
  organisation: true,
  bio: true,
  photo: { select: { storageKey: true, width: true, height: true, alt: true } },
} as const;

/** Authors by name, then id. */
export async function listAuthors(db: Db, q: ListQuery, siteUrl: string) {
  const rows = await db.author.findMany({
    where: afterKey<Prisma.AuthorWhereInput>('name', cursorOf(q, ['string', 'string'])),
    orderBy: [{ name: 'asc' }, { id: 'asc' }],
    take: q.limit + 1,
    select: authorSelect,
  });
  const page = pageFrom(rows, q.limit, (r) => [r.name, r.id]);
  return { items: page.items.map((a) => presentAuthor(a, siteUrl)), nextCursor: page.nextCursor };
}

export async function getAuthorOrThrow(db: Db, id: string, siteUrl: string) {
  lookupKeyOrThrow(id, 'author');
  const row = await db.author.findFirst({ where: { OR: [{ id }, { slug: id }] }, select: authorSelect });
  if (!row) throw new AppError('NOT_FOUND', 'No author has that id or slug.');
  return presentAuthor(row, siteUrl);
}

type AuthorRow = Prisma.AuthorGetPayload<{ select: typeof authorSelect }>;
const presentAuthor = (a: AuthorRow, siteUrl: string) => ({
  id: a.id,
  slug: a.slug,
  name: a.name,
  jobTitle: a.jobTitle,
  organisation: a.organisation,
  bio: a.bio,
  photo: a.photo
    ? { url: absoluteUrlOn(siteUrl, mediaPath(a.photo.storageKey)), width: a.photo.width, height: a.photo.height, alt: a.photo.alt }
    : null,
  url: absoluteUrlOn(siteUrl, authorPath(a.slug)),
});

/** Campaigns by name, then id. */
export async function listCampaigns(db: Db, q: ListQuery, siteUrl: string) {
  const rows = await db.campaign.findMany({
    where: afterKey<Prisma.CampaignWhereInput>('name', cursorOf(q, ['string', 'string'])),
    orderBy: [{ name: 'asc' }, { id: 'asc' }],
    take: q.limit + 1,
  });
  const page = pageFrom(rows, q.limit, (r) => [r.name, r.id]);
  return { items: page.items.map((c) => presentCampaign(c, siteUrl)), nextCursor: page.nextCursor };
}

export async function getCampaignOrThrow(db: Db, id: string, siteUrl: string) {
  lookupKeyOrThrow(id, 'campaign');
  const row = await db.campaign.findFirst({ where: { OR: [{ id }, { slug: id }] } });
  if (!row) throw new AppError('NOT_FOUND', 'No campaign has that id or slug.');
  return presentCampaign(row, siteUrl);
}

type CampaignRow = Prisma.CampaignGetPayload<object>;
const presentCampaign = (c: CampaignRow, siteUrl: string) => ({
  id: c.id,
  slug: c.slug,
  name: c.name,
  description: c.description,
  partnerName: c.partnerName,
  disclosureLabel: c.disclosureLabel,
  startsAt: c.startsAt?.toISOString() ?? null,
  endsAt: c.endsAt?.toISOString() ?? null,
  url: absoluteUrlOn(siteUrl, campaignPath(c.slug)),
});

/** Tags on at least one published article, by name, then id. */
export async function listTags(db: Db, q: ListQuery, siteUrl: string, { now = new Date() } = {}) {
  const rows = await db.tag.findMany({
    where: {
      AND: [
        afterKey<Prisma.TagWhereInput>('name', cursorOf(q, ['string', 'string'])),
        { articles: { some: { article: publishedWhere(now) } } },
      ],
    },
    orderBy: [{ name: 'asc' }, { id: 'asc' }],
    take: q.limit + 1,
  });
  const page = pageFrom(rows, q.limit, (r) => [r.name, r.id]);
  return { items: page.items.map((t) => presentTag(t, siteUrl)), nextCursor: page.nextCursor };
}

/** One tag by id or slug, only when a published article carries it (as the list and the tag page): a draft's new tag does not exist for readers. */
export async function getTagOrThrow(db: Db, id: string, siteUrl: string, { now = new Date() } = {}) {
  lookupKeyOrThrow(id, 'tag');
  const row = await db.tag.findFirst({ where: { OR: [{ id }, { slug: id }], articles: { some: { article: publishedWhere(now) } } } });
  if (!row) throw new AppError('NOT_FOUND', 'No tag has that id or slug.');
  return presentTag(row, siteUrl);
}

const presentTag = (t: { id: string; slug: string; name: string }, siteUrl: string) => ({
  id: t.id,
  slug: t.slug,
  name: t.name,
  url: absoluteUrlOn(siteUrl, tagPath(t.slug)),
});
