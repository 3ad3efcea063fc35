import 'server-only';
import { cache } from 'react';
import { getDb } from '@/lib/db';
import { cachedQuery } from '@/lib/cache/cached';
import { sectionTag } from '@/lib/cache/tags';
import { isValidSlug } from '@/lib/text/slug';

/** Top-level sections in their editorial order, for navigation. */
export const getNavigationSections = cache(() =>
  cachedQuery('nav-sections', [], [], () =>
    getDb().section.findMany({ where: { parentId: null }, orderBy: [{ position: 'asc' }, { name: 'asc' }], select: { name: true, slug: true } }),
  ),
);

/** A section with its parent and subsections, or null when there is none by that slug. */
export const getSectionBySlug = cache(async (slug: string) =>
  !isValidSlug(slug) ? null : cachedQuery('section', [slug], [sectionTag(slug)], () =>
    getDb().section.findUnique({
      where: { slug },
      select: {
        id: true,
        name: true,
        slug: true,
        description: true,
        updatedAt: true,
        parent: { select: { name: true, slug: true } },
        children: { orderBy: [{ position: 'asc' }, { name: 'asc' }], select: { name: true, slug: true, description: true } },
      },
    }),
  ),
);

/** Every section, for the sitemap. */
export function getAllSections() {
  return cachedQuery('all-sections', [], [], () => getDb().section.findMany({ orderBy: { slug: 'asc' }, select: { slug: true, updatedAt: true } }));
}
