import { connection } from 'next/server';
import { getNewsSitemapArticles } from '@/lib/articles/queries';
import { newsSitemapXml, xmlResponse } from '@/lib/sitemaps/decide-sitemap-xml';
import { articlePath } from '@/lib/routes';
import { absoluteUrl, getSite } from '@/lib/seo/site';

/** The Google News sitemap: articles of the last 48 hours (at most 1,000), sponsored content left out. */
export async function GET() {
  await connection();
  const site = getSite();
  const articles = await getNewsSitemapArticles();
  return xmlResponse(
    newsSitemapXml(
      { name: site.name, language: site.language },
      articles.map((a) => ({ loc: absoluteUrl(articlePath(a)), publishedAt: a.publishedAt ?? new Date(0), title: a.headline })),
    ),
  );
}
