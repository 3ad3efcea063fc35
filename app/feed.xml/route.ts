import { connection } from 'next/server';
import { getFeedArticles } from '@/lib/articles/queries';
import { getEnv } from '@/lib/env';
import { buildRssFeed, feedResponse } from '@/lib/feeds/build-feed';
import { homePath, SITE_FEED_PATH } from '@/lib/routes';
import { getSite } from '@/lib/seo/site';

/** The site-wide RSS feed. Rendered per request from cached data (no query while nothing changed). */
export async function GET() {
  await connection();
  const site = getSite();
  const fullText = getEnv().FEED_FULL_TEXT;
  const articles = await getFeedArticles({ kind: 'site' }, { fullText });
  return feedResponse(buildRssFeed({ title: site.name, description: `The latest from ${site.name}.`, path: homePath(), feedPath: SITE_FEED_PATH, articles, fullText }));
}
