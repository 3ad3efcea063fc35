import { itemQuery } from '@/lib/api/content-schemas';
import { getPublishedArticleOrThrow, pickFields, presentArticle } from '@/lib/api/content-queries';
import { parseQuery } from '@/lib/api/query';
import { contentPreflight, contentRoute } from '@/lib/api/route';
import { getEnv } from '@/lib/env';

/** Content API: one published article by its path on the site (/{section}/{slug}). */
export const GET = contentRoute(async ({ url, db, params }) => {
  const { fields } = parseQuery(itemQuery, url);
  const article = presentArticle(await getPublishedArticleOrThrow(db, { section: params.section!, slug: params.slug! }), {
    siteUrl: getEnv().siteUrl,
  });
  return { body: { article: fields ? pickFields(article, fields) : article } };
});

export const OPTIONS = contentPreflight();
