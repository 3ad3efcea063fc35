import 'server-only';
import { cache } from 'react';
import { getDb } from '@/lib/db';
import { cachedQuery } from '@/lib/cache/cached';
import { topicTag } from '@/lib/cache/tags';

/** A tag by slug, or null. */
export const getTagBySlug = cache((slug: string) =>
  cachedQuery('tag', [slug], [topicTag(slug)], () => getDb().tag.findUnique({ where: { slug }, select: { id: true, name: true, slug: true } })),
);

/** Every tag, for the sitemap. */
export function getAllTags() {
  return cachedQuery('all-tags', [], [], () => getDb().tag.findMany({ orderBy: { slug: 'asc' }, select: { slug: true, createdAt: true } }));
}
