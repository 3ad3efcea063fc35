import 'server-only';
import { cache } from 'react';
import type { Actor } from '@/lib/auth/actor';
import { can } from '@/lib/auth/permissions';
import { getDb } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { readerQuery } from '@/lib/cache/cached';
import { campaignTag } from '@/lib/cache/tags';
import { isValidSlug } from '@/lib/text/slug';

const campaignSelect = {
  id: true,
  name: true,
  slug: true,
  description: true,
  partnerName: true,
  disclosureLabel: true,
  startsAt: true,
  endsAt: true,
  updatedAt: true,
} as const;

/** A campaign by slug, or null. */
export const getCampaignBySlug = cache(async (slug: string) =>
  !isValidSlug(slug) ? null : readerQuery('campaign', [slug], [campaignTag(slug)], () => getDb().campaign.findUnique({ where: { slug }, select: campaignSelect })),
);

/**
 * Campaigns running now (started, not ended), newest first. Keyed by the day so a campaign that
 * starts or ends drops in or out without an edit.
 */
export function getCurrentCampaigns({ now = new Date() }: { now?: Date } = {}) {
  const day = now.toISOString().slice(0, 10);
  return readerQuery('current-campaigns', [day], [], () =>
    getDb().campaign.findMany({
      where: { AND: [{ OR: [{ startsAt: null }, { startsAt: { lte: now } }] }, { OR: [{ endsAt: null }, { endsAt: { gte: now } }] }] },
      orderBy: [{ startsAt: 'desc' }, { name: 'asc' }],
      take: 4,
      select: campaignSelect,
    }),
  );
}

/** Every campaign, for the sitemap. */
export function getAllCampaigns() {
  return readerQuery('all-campaigns', [], [], () => getDb().campaign.findMany({ orderBy: { slug: 'asc' }, select: { slug: true, updatedAt: true } }));
}

/** Every campaign for the dashboard's campaign manager, newest start first, with article counts. Editors and admins only. */
export async function listCampaignsForManagement({ actor }: { actor: Actor }) {
  if (!can(actor, 'manage:campaigns')) throw new AppError('FORBIDDEN');
  return getDb().campaign.findMany({
    orderBy: [{ startsAt: { sort: 'desc', nulls: 'last' } }, { name: 'asc' }],
    select: { ...campaignSelect, version: true, _count: { select: { articles: true } } },
  });
}
