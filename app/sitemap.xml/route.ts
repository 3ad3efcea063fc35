import { connection } from 'next/server';
import { countPublishedArticles, SITEMAP_PAGE_SIZE } from '@/lib/articles/queries';
import { sitemapIndexXml, sitemapPageCount, xmlResponse } from '@/lib/sitemaps/decide-sitemap-xml';
import { articleSitemapPath, NEWS_SITEMAP_PATH, PAGES_SITEMAP_PATH } from '@/lib/routes';
import { absoluteUrl } from '@/lib/seo/site';

/** The sitemap index: site pages, article pages of at most 50,000 URLs each, and the news sitemap. */
export async function GET() {
  await connection();
  const pages = sitemapPageCount(await countPublishedArticles(), SITEMAP_PAGE_SIZE);
  return xmlResponse(
    sitemapIndexXml([
      { loc: absoluteUrl(PAGES_SITEMAP_PATH) },
      ...Array.from({ length: pages }, (_, i) => ({ loc: absoluteUrl(articleSitemapPath(i + 1)) })),
      { loc: absoluteUrl(NEWS_SITEMAP_PATH) },
    ]),
  );
}
