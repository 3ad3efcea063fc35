import { listQuery } from '@/lib/api/content-schemas';
import { getCampaignOrThrow } from '@/lib/api/content-queries';
import { parseQuery } from '@/lib/api/query';
import { contentPreflight, contentRoute } from '@/lib/api/route';
import { getEnv } from '@/lib/env';

/** Content API: one campaign, by id or slug. */
export const GET = contentRoute(async ({ url, db, params }) => {
  parseQuery(listQuery.pick({ key: true }), url);
  return { body: { campaign: await getCampaignOrThrow(db, params.id!, getEnv().siteUrl) } };
});

export const OPTIONS = contentPreflight();
