import 'server-only';
import { cache } from 'react';
import { getDb } from '@/lib/db';
import { publishedWhere } from '@/lib/articles/published';
import { bodyDocumentSchema, type BodyDocument } from '@/lib/articles/body-schema';

const cardSelect = {
  id: true,
  headline: true,
  slug: true,
  standfirst: true,
  publishedAt: true,
  sponsored: true,
  section: { select: { name: true, slug: true } },
  heroImage: { select: { storageKey: true, width: true, height: true, alt: true } },
  authors: { orderBy: { position: 'asc' }, select: { author: { select: { name: true, slug: true } } } },
} as const;

/** The newest published articles, newest first. */
export async function getLatestArticles({ take = 20, skip = 0 }: { take?: number; skip?: number } = {}) {
  return getDb().article.findMany({
    where: publishedWhere(),
    orderBy: [{ publishedAt: 'desc' }, { id: 'desc' }],
    take,
    skip,
    select: cardSelect,
  });
}

export type ArticleCard = Awaited<ReturnType<typeof getLatestArticles>>[number];

/** A published article by its section and slug, with everything its page shows; null when readers may not see it. */
export const getPublishedArticle = cache(async ({ section, slug }: { section: string; slug: string }) => {
  const article = await getDb().article.findFirst({
    where: { ...publishedWhere(), slug, section: { slug: section } },
    include: {
      section: { select: { name: true, slug: true, parent: { select: { name: true, slug: true } } } },
      campaign: { select: { name: true, slug: true, partnerName: true, disclosureLabel: true } },
      heroImage: true,
      authors: { orderBy: { position: 'asc' }, include: { author: true } },
      tags: { include: { tag: true } },
    },
  });
  if (!article) return null;
  // The body was validated on save; parsing again guarantees the renderer only sees known nodes.
  const body: BodyDocument = bodyDocumentSchema.parse(article.body);
  return { ...article, body };
});

export type PublishedArticle = NonNullable<Awaited<ReturnType<typeof getPublishedArticle>>>;
