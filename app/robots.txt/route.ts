import { connection } from 'next/server';
import { dashboardRoutes, NEWS_SITEMAP_PATH, searchPath, SITEMAP_INDEX_PATH } from '@/lib/routes';
import { absoluteUrl } from '@/lib/seo/site';

/** robots.txt naming the sitemap index and the news sitemap; the dashboard and APIs are not for crawlers. */
export async function GET() {
  await connection();
  const body = [
    'User-agent: *',
    'Allow: /',
    `Disallow: ${dashboardRoutes.home()}`,
    'Disallow: /api/',
    `Disallow: ${searchPath()}`,
    '',
    `Sitemap: ${absoluteUrl(SITEMAP_INDEX_PATH)}`,
    `Sitemap: ${absoluteUrl(NEWS_SITEMAP_PATH)}`,
    '',
  ].join('\n');
  return new Response(body, { headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'public, max-age=3600' } });
}
