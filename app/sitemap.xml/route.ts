import { connection } from 'next/server';
import { countPublishedArticles, getNewsSitemapArticles, SITEMAP_PAGE_SIZE } from '@/lib/articles/queries';
import { getAllCampaigns } from '@/lib/campaigns/queries';
import { getAllSections } from '@/lib/sections/queries';
import { getAllAuthors } from '@/lib/authors/queries';
import { getPagesForSitemap } from '@/lib/pages/queries';
import { latestOf, sitemapIndexXml, sitemapPageCount, xmlResponse } from '@/lib/sitemaps/decide-sitemap-xml';
import { getArticleLastmods } from '@/lib/sitemaps/queries';
import { articleSitemapPath, NEWS_SITEMAP_PATH, PAGES_SITEMAP_PATH } from '@/lib/routes';
import { absoluteUrl } from '@/lib/seo/site';

/**
 * The sitemap index: site pages, article pages of at most 50,000 URLs each, and the news sitemap, each
 * with the `<lastmod>` of the newest entry it holds, so crawlers refetch only the files that changed.
 */
export async function GET() {
  await connection();
  const [count, lastmods, news, sections, authors, campaigns, standingPages] = await Promise.all([
    countPublishedArticles(),
    getArticleLastmods(),
    getNewsSitemapArticles(),
    getAllSections(),
    getAllAuthors(),
    getAllCampaigns(),
    getPagesForSitemap(),
  ]);
  const pages = sitemapPageCount(count, SITEMAP_PAGE_SIZE);
  const rowEdits = [...sections, ...authors, ...campaigns, ...standingPages].map((r) => r.updatedAt);
  return xmlResponse(
    sitemapIndexXml([
      { loc: absoluteUrl(PAGES_SITEMAP_PATH), lastmod: latestOf(lastmods.site, ...rowEdits) },
      ...Array.from({ length: pages }, (_, i) => ({ loc: absoluteUrl(articleSitemapPath(i + 1)), lastmod: lastmods.articlePages.get(i + 1) })),
      { loc: absoluteUrl(NEWS_SITEMAP_PATH), lastmod: latestOf(...news.map((n) => n.publishedAt)) },
    ]),
  );
}
