import { listQuery } from '@/lib/api/content-schemas';
import { listCampaigns } from '@/lib/api/content-queries';
import { parseQuery } from '@/lib/api/query';
import { contentPreflight, contentRoute } from '@/lib/api/route';
import { getEnv } from '@/lib/env';

/** Content API: every campaign, with a cursor. */
export const GET = contentRoute(async ({ url, db }) => ({ body: await listCampaigns(db, parseQuery(listQuery, url), getEnv().siteUrl) }));

export const OPTIONS = contentPreflight();
