import 'server-only';
import { cache } from 'react';
import { getDb } from '@/lib/db';
import { readerQuery } from '@/lib/cache/cached';
import { articleTag, authorTag, campaignTag, CORRECTIONS, MODIFIED, sectionTag, topicTag } from '@/lib/cache/tags';
import { publishedWhere } from '@/lib/articles/published';
import { bodyDocumentSchema, type BodyDocument } from '@/lib/articles/body-schema';
import { feedDateOf } from '@/lib/articles/corrections';
import type { Prisma } from '@/lib/generated/prisma/client';
import { isValidSlug } from '@/lib/text/slug';

/** Articles per page on every paginated reader list. */
export const PAGE_SIZE = 12;

const cardSelect = {
  id: true,
  headline: true,
  slug: true,
  standfirst: true,
  publishedAt: true,
  sponsored: true,
  section: { select: { name: true, slug: true } },
  campaign: { select: { partnerName: true, disclosureLabel: true } },
  heroImage: { select: { storageKey: true, width: true, height: true, alt: true } },
  authors: { orderBy: { position: 'asc' }, select: { author: { select: { name: true, slug: true } } } },
} as const satisfies Prisma.ArticleSelect;

const newestFirst = [{ publishedAt: 'desc' }, { id: 'desc' }] as const satisfies Prisma.ArticleOrderByWithRelationInput[];

async function findCards(where: Prisma.ArticleWhereInput, { take, skip = 0 }: { take: number; skip?: number }) {
  return getDb().article.findMany({ where: { ...publishedWhere(), ...where }, orderBy: newestFirst, take, skip, select: cardSelect });
}

export type ArticleCard = Awaited<ReturnType<typeof findCards>>[number];
export type ArticlePage = { items: ArticleCard[]; total: number; page: number; pageCount: number };

async function findCardPage(where: Prisma.ArticleWhereInput, page: number, pageSize = PAGE_SIZE): Promise<ArticlePage> {
  const [items, total] = await Promise.all([
    findCards(where, { take: pageSize, skip: (page - 1) * pageSize }),
    getDb().article.count({ where: { ...publishedWhere(), ...where } }),
  ]);
  return { items, total, page, pageCount: Math.max(1, Math.ceil(total / pageSize)) };
}

/** One page of the newest published articles across the site. */
export function getLatestArticles({ page = 1 }: { page?: number } = {}): Promise<ArticlePage> {
  return readerQuery('latest', [page], [], () => findCardPage({}, page));
}

/** The newest `take` published articles of one section (and its subsections). */
export function getSectionLatest({ sectionSlug, take }: { sectionSlug: string; take: number }): Promise<ArticleCard[]> {
  return readerQuery('section-latest', [sectionSlug, take], [sectionTag(sectionSlug)], () =>
    findCards({ OR: [{ section: { slug: sectionSlug } }, { section: { parent: { slug: sectionSlug } } }] }, { take }),
  );
}

/** One page of a section's published articles (its subsections' included), newest first. */
export function getSectionArticles({ sectionSlug, page }: { sectionSlug: string; page: number }): Promise<ArticlePage> {
  return readerQuery('section-articles', [sectionSlug, page], [sectionTag(sectionSlug)], () =>
    findCardPage({ OR: [{ section: { slug: sectionSlug } }, { section: { parent: { slug: sectionSlug } } }] }, page),
  );
}

/** One page of an author's published articles, newest first. */
export function getAuthorArticles({ authorSlug, page }: { authorSlug: string; page: number }): Promise<ArticlePage> {
  return readerQuery('author-articles', [authorSlug, page], [authorTag(authorSlug)], () => findCardPage({ authors: { some: { author: { slug: authorSlug } } } }, page));
}

/** One page of a tag's published articles, newest first. */
export function getTagArticles({ tagSlug, page }: { tagSlug: string; page: number }): Promise<ArticlePage> {
  return readerQuery('tag-articles', [tagSlug, page], [topicTag(tagSlug)], () => findCardPage({ tags: { some: { tag: { slug: tagSlug } } } }, page));
}

/** A campaign's published articles in the order they appeared (oldest first). */
export function getCampaignArticles({ campaignSlug }: { campaignSlug: string }): Promise<ArticleCard[]> {
  return readerQuery('campaign-articles', [campaignSlug], [campaignTag(campaignSlug)], () =>
    getDb().article.findMany({
      where: { ...publishedWhere(), campaign: { slug: campaignSlug } },
      orderBy: [{ publishedAt: 'asc' }, { id: 'asc' }],
      take: 200,
      select: cardSelect,
    }),
  );
}

/**
 * The id of the published article at /section/slug, or null. Cached under the section's tag and
 * CONTENT: a path only starts or stops resolving when something is published, unpublished or moved.
 */
export async function getPublishedArticleId({ section, slug }: { section: string; slug: string }): Promise<string | null> {
  // Not a slug (NUL, a bad escape, too long…): nothing to look up, and the database is never asked.
  if (!isValidSlug(section) || !isValidSlug(slug)) return null;
  return readerQuery('article-id', [section, slug], [sectionTag(section)], async () => {
    const row = await getDb().article.findFirst({ where: { ...publishedWhere(), slug, section: { slug: section } }, select: { id: true } });
    return row?.id ?? null;
  });
}

/** What the article page shows, shared with the dashboard's preview so a preview is the exact reader page. */
export const articlePageInclude = {
  section: { select: { id: true, name: true, slug: true, parent: { select: { name: true, slug: true } } } },
  campaign: { select: { id: true, name: true, slug: true, partnerName: true, disclosureLabel: true } },
  heroImage: { select: { storageKey: true, width: true, height: true, alt: true, caption: true, credit: true, bytes: true, mimeType: true } },
  authors: {
    orderBy: { position: 'asc' },
    select: { author: { select: { id: true, name: true, slug: true, jobTitle: true, organisation: true } } },
  },
  tags: { select: { tag: { select: { id: true, name: true, slug: true } } } },
  corrections: { orderBy: [{ publishedAt: 'desc' }, { id: 'desc' }], select: { id: true, kind: true, text: true, publishedAt: true } },
} as const satisfies Prisma.ArticleInclude;

async function findArticle(id: string) {
  return getDb().article.findFirst({ where: { ...publishedWhere(), id }, include: articlePageInclude });
}

/**
 * A published article by its section and slug, with everything its page shows; null when readers may
 * not see it (unknown, draft, scheduled, archived or trashed). Shared by the page and its metadata.
 */
export const getPublishedArticle = cache(async ({ section, slug }: { section: string; slug: string }) => {
  const id = await getPublishedArticleId({ section, slug });
  if (!id) return null;
  const article = await readerQuery('article', [id], [articleTag(id)], () => findArticle(id));
  if (!article) return null;
  // The body was validated on save; parsing again guarantees the renderer only sees known nodes.
  const body: BodyDocument = bodyDocumentSchema.parse(article.body);
  return { ...article, body };
});

export type PublishedArticle = NonNullable<Awaited<ReturnType<typeof getPublishedArticle>>>;

/** Up to four other published articles sharing a tag with the article, else from its section. */
export function getRelatedArticles({ articleId, sectionId, tagIds }: { articleId: string; sectionId: string; tagIds: string[] }): Promise<ArticleCard[]> {
  return readerQuery('related', [articleId], [articleTag(articleId)], async () => {
    const byTag = tagIds.length ? await findCards({ id: { not: articleId }, tags: { some: { tagId: { in: tagIds } } } }, { take: 4 }) : [];
    if (byTag.length >= 4) return byTag;
    const more = await findCards({ id: { notIn: [articleId, ...byTag.map((a) => a.id)] }, sectionId }, { take: 4 - byTag.length });
    return [...byTag, ...more];
  });
}

/**
 * The "Next article": the next one of the campaign (in campaign order) when the article belongs to one
 * and is not its last, otherwise the next older article of its section. Null when there is none.
 */
export function getNextArticle(article: { id: string; publishedAt: Date | null; sectionId: string; campaignId: string | null }): Promise<ArticleCard | null> {
  const at = article.publishedAt ?? new Date(0);
  return readerQuery('next', [article.id], [articleTag(article.id)], async () => {
    if (article.campaignId) {
      const [inCampaign] = await getDb().article.findMany({
        where: {
          ...publishedWhere(),
          campaignId: article.campaignId,
          OR: [{ publishedAt: { gt: at } }, { publishedAt: at, id: { gt: article.id } }],
        },
        orderBy: [{ publishedAt: 'asc' }, { id: 'asc' }],
        take: 1,
        select: cardSelect,
      });
      if (inCampaign) return inCampaign;
    }
    const [older] = await findCards({ sectionId: article.sectionId, OR: [{ publishedAt: { lt: at } }, { publishedAt: at, id: { lt: article.id } }] }, { take: 1 });
    return older ?? null;
  });
}

/** The newest corrections a feed item mentions (the article page lists them all). */
const FEED_CORRECTIONS = 3;

const feedSelect = {
  ...cardSelect,
  updatedAt: true,
  corrections: { orderBy: [{ publishedAt: 'desc' }, { id: 'desc' }], take: FEED_CORRECTIONS, select: { id: true, kind: true, text: true, publishedAt: true } },
  heroImage: { select: { storageKey: true, width: true, height: true, alt: true, bytes: true, mimeType: true } },
  authors: { orderBy: { position: 'asc' }, select: { author: { select: { name: true, slug: true } } } },
  campaign: { select: { name: true, partnerName: true, disclosureLabel: true } },
} as const satisfies Prisma.ArticleSelect;

export type FeedScope = { kind: 'site' } | { kind: 'section' | 'author' | 'campaign' | 'tag'; slug: string };

function feedWhere(scope: FeedScope): Prisma.ArticleWhereInput {
  switch (scope.kind) {
    case 'site':
      return {};
    case 'section':
      return { OR: [{ section: { slug: scope.slug } }, { section: { parent: { slug: scope.slug } } }] };
    case 'author':
      return { authors: { some: { author: { slug: scope.slug } } } };
    case 'campaign':
      return { campaign: { slug: scope.slug } };
    case 'tag':
      return { tags: { some: { tag: { slug: scope.slug } } } };
  }
}

const feedScopeTag = { section: sectionTag, author: authorTag, campaign: campaignTag, tag: topicTag } as const;

/** Items per feed. */
const FEED_SIZE = 30;

/**
 * The 30 published articles of a feed's scope that were published or corrected most recently, newest
 * first by that date (`feedDateOf`): a corrected article re-enters its feeds as updated, keeping its
 * original publication date. Each has what a feed item needs and its newest corrections; with
 * `fullText`, its body (unvalidated JSON: the feed parses it before rendering). Marks the feed with
 * `MODIFIED` (a correction purges it too) and its scope's tag.
 */
export function getFeedArticles(scope: FeedScope, { fullText = false }: { fullText?: boolean } = {}) {
  const tags = [MODIFIED, ...(scope.kind === 'site' ? [] : [feedScopeTag[scope.kind](scope.slug)])];
  return readerQuery('feed', [scope.kind, scope.kind === 'site' ? '' : scope.slug, fullText ? 'full' : 'summary'], tags, async () => {
    const now = new Date();
    const where = { ...publishedWhere(now), ...feedWhere(scope) };
    const select = { ...feedSelect, body: fullText };
    const latest = await getDb().article.findMany({ where, orderBy: newestFirst, take: FEED_SIZE, select });
    // Older articles corrected after the oldest of those come back in, with their correction.
    const cutoff = latest.length === FEED_SIZE ? latest[latest.length - 1]!.publishedAt : null;
    const corrected = await getDb().article.findMany({
      where: { ...where, id: { notIn: latest.map((a) => a.id) }, corrections: { some: { publishedAt: { lte: now, ...(cutoff ? { gt: cutoff } : {}) } } } },
      orderBy: newestFirst,
      take: FEED_SIZE,
      select,
    });
    return [...latest, ...corrected]
      .sort((a, b) => feedDateOf(b).getTime() - feedDateOf(a).getTime() || (a.id < b.id ? 1 : -1))
      .slice(0, FEED_SIZE);
  });
}

export type FeedArticle = Awaited<ReturnType<typeof getFeedArticles>>[number];

/** Corrections per page of /corrections, and in its feed. */
export const CORRECTIONS_PAGE_SIZE = 20;

const correctionListSelect = {
  id: true,
  kind: true,
  text: true,
  publishedAt: true,
  article: { select: { id: true, headline: true, slug: true, publishedAt: true, section: { select: { name: true, slug: true } } } },
} as const satisfies Prisma.CorrectionSelect;

/** Corrections readers may see: of published articles, and not dated in the future. */
const visibleCorrections = (now: Date): Prisma.CorrectionWhereInput => ({ publishedAt: { lte: now }, article: publishedWhere(now) });

/**
 * One page of every correction, clarification and update of published articles, newest first, for
 * /corrections. Marked with `CORRECTIONS` (adding one purges it); unpublishing or renaming an article
 * purges every page anyway (`CONTENT`).
 */
export function getCorrectionsPage({ page }: { page: number }) {
  return readerQuery('corrections', [page], [CORRECTIONS], async () => {
    const where = visibleCorrections(new Date());
    const [items, total] = await Promise.all([
      getDb().correction.findMany({ where, orderBy: [{ publishedAt: 'desc' }, { id: 'desc' }], take: CORRECTIONS_PAGE_SIZE, skip: (page - 1) * CORRECTIONS_PAGE_SIZE, select: correctionListSelect }),
      getDb().correction.count({ where }),
    ]);
    return { items, total, page, pageCount: Math.max(1, Math.ceil(total / CORRECTIONS_PAGE_SIZE)) };
  });
}

export type CorrectionListItem = Awaited<ReturnType<typeof getCorrectionsPage>>['items'][number];

/** Most URLs one sitemap file may hold (sitemaps.org). */
export const SITEMAP_PAGE_SIZE = 50_000;

/** How many published articles there are, for the sitemap index. */
export function countPublishedArticles(): Promise<number> {
  return readerQuery('count', [], [], () => getDb().article.count({ where: publishedWhere() }));
}

/** One sitemap page of published articles (oldest first, so pages stay stable as new ones arrive). */
export function getSitemapArticles({ page }: { page: number }) {
  return readerQuery('sitemap', [page], [MODIFIED], () =>
    getDb().article.findMany({
      where: publishedWhere(),
      orderBy: [{ publishedAt: 'asc' }, { id: 'asc' }],
      skip: (page - 1) * SITEMAP_PAGE_SIZE,
      take: SITEMAP_PAGE_SIZE,
      select: { slug: true, updatedAt: true, publishedAt: true, section: { select: { slug: true } } },
    }),
  );
}

/**
 * Articles for the Google News sitemap: published in the last 48 hours, at most 1,000, newest first,
 * leaving out sponsored and partner content.
 */
export function getNewsSitemapArticles({ now = new Date() }: { now?: Date } = {}) {
  // Keyed by the hour so the 48-hour window moves even when nothing is published.
  const hour = Math.floor(now.getTime() / 3_600_000);
  return readerQuery('news-sitemap', [hour], [], () =>
    getDb().article.findMany({
      where: {
        ...publishedWhere(now),
        publishedAt: { lte: now, gte: new Date(now.getTime() - 48 * 3_600_000) },
        sponsored: false,
        OR: [{ campaignId: null }, { campaign: { partnerName: null } }],
      },
      orderBy: newestFirst,
      take: 1000,
      select: { headline: true, slug: true, publishedAt: true, section: { select: { slug: true } } },
    }),
  );
}
