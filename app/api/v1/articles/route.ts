import { createArticleFromApi } from '@/lib/api/admin-articles';
import { listArticlesQuery, LIST_FIELDS } from '@/lib/api/content-schemas';
import { listPublishedArticles, pickFields, presentArticle } from '@/lib/api/content-queries';
import { parseQuery } from '@/lib/api/query';
import { adminRoute, contentPreflight, contentRoute, readJsonBody } from '@/lib/api/route';
import { getEnv } from '@/lib/env';

/** Content API: published articles, newest first, filtered, with a cursor. */
export const GET = contentRoute(async ({ url, db }) => {
  const q = parseQuery(listArticlesQuery, url);
  const page = await listPublishedArticles(db, q);
  const { siteUrl } = getEnv();
  return {
    body: {
      items: page.items.map((a) => pickFields(presentArticle(a, { siteUrl }), q.fields ?? LIST_FIELDS)),
      nextCursor: page.nextCursor,
    },
  };
});

/** Admin API: a new draft. */
export const POST = adminRoute(async (req) => createArticleFromApi(req, await readJsonBody(req.request)));

export const OPTIONS = contentPreflight();
