import { listQuery } from '@/lib/api/content-schemas';
import { listAuthors } from '@/lib/api/content-queries';
import { parseQuery } from '@/lib/api/query';
import { contentPreflight, contentRoute } from '@/lib/api/route';
import { getEnv } from '@/lib/env';

/** Content API: every author, with a cursor. */
export const GET = contentRoute(async ({ url, db }) => ({ body: await listAuthors(db, parseQuery(listQuery, url), getEnv().siteUrl) }));

export const OPTIONS = contentPreflight();
