import { connection } from 'next/server';
import { absoluteUrl } from '@/lib/seo/site';

/** robots.txt naming the sitemap index and the news sitemap; the dashboard and APIs are not for crawlers. */
export async function GET() {
  await connection();
  const body = ['User-agent: *', 'Allow: /', 'Disallow: /dashboard', 'Disallow: /api/', 'Disallow: /search', '', `Sitemap: ${absoluteUrl('/sitemap.xml')}`, `Sitemap: ${absoluteUrl('/news-sitemap.xml')}`, ''].join('\n');
  return new Response(body, { headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'public, max-age=3600' } });
}
