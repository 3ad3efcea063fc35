import { listQuery } from '@/lib/api/content-schemas';
import { listTags } from '@/lib/api/content-queries';
import { parseQuery } from '@/lib/api/query';
import { contentPreflight, contentRoute } from '@/lib/api/route';
import { getEnv } from '@/lib/env';

/** Content API: every tag on a published article, with a cursor. */
export const GET = contentRoute(async ({ url, db }) => ({ body: await listTags(db, parseQuery(listQuery, url), getEnv().siteUrl) }));

export const OPTIONS = contentPreflight();
