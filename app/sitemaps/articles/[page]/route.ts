import { connection } from 'next/server';
import { parsePageParam } from '@/lib/articles/decide-pagination';
import { getSitemapArticles } from '@/lib/articles/queries';
import { urlSetXml, xmlResponse } from '@/lib/sitemaps/decide-sitemap-xml';
import { articlePath } from '@/lib/routes';
import { absoluteUrl } from '@/lib/seo/site';

/** One page of the article sitemap (oldest first, 50,000 a page). */
export async function GET(_request: Request, { params }: { params: Promise<{ page: string }> }) {
  await connection();
  const page = parsePageParam((await params).page);
  if (page === null) return new Response('Not found', { status: 404 });
  const articles = await getSitemapArticles({ page });
  if (articles.length === 0 && page > 1) return new Response('Not found', { status: 404 });
  return xmlResponse(urlSetXml(articles.map((a) => ({ loc: absoluteUrl(articlePath(a)), lastmod: a.updatedAt > (a.publishedAt ?? a.updatedAt) ? a.updatedAt : (a.publishedAt ?? a.updatedAt) }))));
}
