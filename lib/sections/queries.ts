import 'server-only';
import { cache } from 'react';
import type { Actor } from '@/lib/auth/actor';
import { can } from '@/lib/auth/permissions';
import { getDb } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { readerQuery } from '@/lib/cache/cached';
import { sectionTag } from '@/lib/cache/tags';
import { isValidSlug } from '@/lib/text/slug';

/** Top-level sections in their editorial order, for navigation. */
export const getNavigationSections = cache(() =>
  readerQuery('nav-sections', [], [], () =>
    getDb().section.findMany({ where: { parentId: null }, orderBy: [{ position: 'asc' }, { name: 'asc' }], select: { name: true, slug: true } }),
  ),
);

/** A section with its parent and subsections, or null when there is none by that slug. */
export const getSectionBySlug = cache(async (slug: string) =>
  !isValidSlug(slug) ? null : readerQuery('section', [slug], [sectionTag(slug)], () =>
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
  return readerQuery('all-sections', [], [], () => getDb().section.findMany({ orderBy: { slug: 'asc' }, select: { slug: true, updatedAt: true } }));
}

/**
 * Every section for the dashboard's section manager, top-level sections in their order each followed by
 * its subsections, with article counts. Editors and admins only (FORBIDDEN otherwise).
 */
export async function listSectionsForManagement({ actor }: { actor: Actor }) {
  if (!can(actor, 'manage:sections')) throw new AppError('FORBIDDEN');
  const rows = await getDb().section.findMany({
    orderBy: [{ position: 'asc' }, { name: 'asc' }, { id: 'asc' }],
    select: { id: true, name: true, slug: true, description: true, parentId: true, version: true, _count: { select: { articles: true } } },
  });
  const top = rows.filter((s) => s.parentId === null);
  return top.map((section, index) => {
    const children = rows.filter((s) => s.parentId === section.id);
    return {
      ...section,
      place: index + 1,
      siblings: top.length,
      children: children.map((child, i) => ({ ...child, place: i + 1, siblings: children.length })),
    };
  });
}
