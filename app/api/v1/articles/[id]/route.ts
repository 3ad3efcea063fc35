import { updateArticleFromApi } from '@/lib/api/admin-articles';
import { itemQuery } from '@/lib/api/content-schemas';
import { getPublishedArticleOrThrow, pickFields, presentArticle } from '@/lib/api/content-queries';
import { parseQuery } from '@/lib/api/query';
import { adminRoute, contentPreflight, contentRoute, readJsonBody } from '@/lib/api/route';
import { getEnv } from '@/lib/env';

/** Content API: one published article by id. */
export const GET = contentRoute(async ({ url, db, params }) => {
  const { fields } = parseQuery(itemQuery, url);
  const article = presentArticle(await getPublishedArticleOrThrow(db, { id: params.id! }), { siteUrl: getEnv().siteUrl });
  return { body: { article: fields ? pickFields(article, fields) : article } };
});

/** Admin API: change the named fields, based on the version read. */
export const PATCH = adminRoute(async (req) => updateArticleFromApi(req, req.params.id!, await readJsonBody(req.request)));

export const OPTIONS = contentPreflight();
