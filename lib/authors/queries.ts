import 'server-only';
import { cache } from 'react';
import { getDb } from '@/lib/db';
import { cachedQuery } from '@/lib/cache/cached';
import { authorTag } from '@/lib/cache/tags';
import { isValidSlug } from '@/lib/text/slug';

/** An author's public profile with photo, or null when there is none by that slug. */
export const getAuthorBySlug = cache(async (slug: string) =>
  !isValidSlug(slug) ? null : cachedQuery('author', [slug], [authorTag(slug)], () =>
    getDb().author.findUnique({
      where: { slug },
      select: {
        id: true,
        name: true,
        slug: true,
        jobTitle: true,
        organisation: true,
        bio: true,
        updatedAt: true,
        photo: { select: { storageKey: true, width: true, height: true, alt: true } },
      },
    }),
  ),
);

/** Every author with at least one byline, for the sitemap. */
export function getAllAuthors() {
  return cachedQuery('all-authors', [], [], () =>
    getDb().author.findMany({ where: { articles: { some: {} } }, orderBy: { slug: 'asc' }, select: { slug: true, updatedAt: true } }),
  );
}
