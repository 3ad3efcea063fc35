import 'server-only';
import { cache } from 'react';
import { publishedWhere } from '@/lib/articles/published';
import { getDb } from '@/lib/db';
import { readerQuery } from '@/lib/cache/cached';
import { topicTag } from '@/lib/cache/tags';
import { isValidSlug } from '@/lib/text/slug';

/**
 * A tag by slug, or null. Anything that is not a slug (a NUL byte, an undecoded escape, 10,000
 * characters) is "not found" without asking the database, as for sections, authors and campaigns.
 */
export const getTagBySlug = cache(async (slug: string) =>
  !isValidSlug(slug) ? null : readerQuery('tag', [slug], [topicTag(slug)], () => getDb().tag.findUnique({ where: { slug }, select: { id: true, name: true, slug: true } })),
);

/** Every tag on at least one article readers can see (publishedWhere), for the sitemap: the others' pages are 404. */
export function getAllTags() {
  return readerQuery('all-tags', [], [], () =>
    getDb().tag.findMany({ where: { articles: { some: { article: publishedWhere() } } }, orderBy: { slug: 'asc' }, select: { slug: true, createdAt: true } }),
  );
}
