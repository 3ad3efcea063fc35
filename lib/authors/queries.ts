import 'server-only';
import { cache } from 'react';
import type { Actor } from '@/lib/auth/actor';
import { publishedWhere } from '@/lib/articles/published';
import { can } from '@/lib/auth/permissions';
import { getDb } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { readerQuery } from '@/lib/cache/cached';
import { authorTag } from '@/lib/cache/tags';
import { isValidSlug } from '@/lib/text/slug';

const profileSelect = { id: true, name: true, slug: true, jobTitle: true, organisation: true, bio: true } as const;

/** An author's public profile with photo, or null when there is none by that slug. */
export const getAuthorBySlug = cache(async (slug: string) =>
  !isValidSlug(slug) ? null : readerQuery('author', [slug], [authorTag(slug)], () =>
    getDb().author.findUnique({
      where: { slug },
      select: {
        ...profileSelect,
        updatedAt: true,
        photo: { select: { storageKey: true, width: true, height: true, alt: true } },
      },
    }),
  ),
);

/** Every author with a byline on at least one article readers can see (publishedWhere), for the sitemap. */
export function getAllAuthors() {
  return readerQuery('all-authors', [], [], () =>
    getDb().author.findMany({
      where: { articles: { some: { article: publishedWhere() } } },
      orderBy: { slug: 'asc' },
      select: { slug: true, updatedAt: true },
    }),
  );
}

/**
 * The staff list of the masthead page: every author by name, with role, organisation and slug (for the
 * author page). Authors' changes purge every page, so the query needs no tag of its own.
 */
export function getMastheadAuthors() {
  return readerQuery('masthead-authors', [], [], () =>
    getDb().author.findMany({ orderBy: [{ name: 'asc' }, { id: 'asc' }], select: { id: true, name: true, slug: true, jobTitle: true, organisation: true } }),
  );
}

/** Every author for the dashboard's author manager, by name, with photo, linked user and byline count. Editors and admins only. */
export async function listAuthorsForManagement({ actor }: { actor: Actor }) {
  if (!can(actor, 'manage:authors')) throw new AppError('FORBIDDEN');
  return getDb().author.findMany({
    orderBy: [{ name: 'asc' }, { id: 'asc' }],
    select: {
      ...profileSelect,
      photoId: true,
      userId: true,
      version: true,
      photo: { select: { storageKey: true, alt: true } },
      user: { select: { name: true, email: true } },
      _count: { select: { articles: true } },
    },
  });
}

/** What an author form can pick from: the newest images (for the photo) and every user (for the link). Editors and admins only. */
export async function getAuthorFormOptions({ actor }: { actor: Actor }) {
  if (!can(actor, 'manage:authors')) throw new AppError('FORBIDDEN');
  const db = getDb();
  const images = await db.image.findMany({
    orderBy: { createdAt: 'desc' },
    take: 200,
    select: { id: true, storageKey: true, alt: true, width: true, height: true },
  });
  const users = await db.user.findMany({
    where: { kind: 'PERSON' },
    orderBy: { name: 'asc' },
    select: { id: true, name: true, email: true, disabled: true, author: { select: { id: true } } },
  });
  return { images, users };
}
