import 'server-only';
import { cache } from 'react';
import type { Actor } from '@/lib/auth/actor';
import { can } from '@/lib/auth/permissions';
import { readerQuery } from '@/lib/cache/cached';
import { MODIFIED, pageTag } from '@/lib/cache/tags';
import { getDb } from '@/lib/db';
import { AppError } from '@/lib/errors';
import type { BodyDocument } from '@/lib/articles/body-schema';
import { standingPagePath } from '@/lib/routes';
import { publisherPoliciesOf } from '@/lib/seo/decide-json-ld';
import { absoluteUrl } from '@/lib/seo/site';
import { isValidSlug } from '@/lib/text/slug';

const listingSelect = { id: true, slug: true, title: true, role: true, showInFooter: true, position: true } as const;
const pageOrder = [{ position: 'asc' as const }, { title: 'asc' as const }];

/** A standing page by slug for readers, or null. Its body was validated when it was saved. */
export const getPageBySlug = cache(async (slug: string) => {
  if (!isValidSlug(slug)) return null;
  const page = await readerQuery('page', [slug], [pageTag(slug)], () =>
    getDb().page.findUnique({ where: { slug }, select: { ...listingSelect, standfirst: true, body: true, updatedAt: true } }),
  );
  return page && { ...page, body: page.body as unknown as BodyDocument };
});

/**
 * Every standing page's title, slug, role and footer place, in footer order: for the footer (those
 * with `showInFooter`) and the publisher's JSON-LD (those with a role). Every change to these purges
 * every page (`decidePageScope`), so the query needs no tag of its own.
 */
export function getStandingPageLinks() {
  return readerQuery('standing-pages', [], [], () => getDb().page.findMany({ orderBy: pageOrder, select: listingSelect }));
}

/** Every standing page with when it last changed, for the pages sitemap (purged by `MODIFIED` too). */
export function getPagesForSitemap() {
  return readerQuery('sitemap-pages', [], [MODIFIED], () => getDb().page.findMany({ orderBy: { slug: 'asc' }, select: { slug: true, updatedAt: true } }));
}

/** Every standing page for the dashboard's list, in footer order. Editors and admins only. */
export async function listPagesForManagement({ actor }: { actor: Actor }) {
  if (!can(actor, 'manage:pages')) throw new AppError('FORBIDDEN');
  return getDb().page.findMany({ orderBy: pageOrder, select: { ...listingSelect, version: true, updatedAt: true } });
}

/** One standing page as the dashboard editor needs it, or null. Editors and admins only. */
export async function getPageForEditing({ actor, id }: { actor: Actor; id: string }) {
  if (!can(actor, 'manage:pages')) throw new AppError('FORBIDDEN');
  if (id.length > 40) return null;
  const page = await getDb().page.findUnique({ where: { id }, select: { ...listingSelect, standfirst: true, body: true, version: true, updatedAt: true } });
  return page && { ...page, body: page.body as unknown as BodyDocument };
}

/** The publisher's policy URLs (NewsMediaOrganization) from the standing pages that have a role. */
export async function getPublisherPolicies() {
  const pages = await getStandingPageLinks();
  return publisherPoliciesOf(pages.map((p) => ({ role: p.role, url: absoluteUrl(standingPagePath(p.slug)) })));
}
