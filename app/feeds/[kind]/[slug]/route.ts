import { connection } from 'next/server';
import { getFeedArticles } from '@/lib/articles/queries';
import { getAuthorBySlug } from '@/lib/authors/queries';
import { getCampaignBySlug } from '@/lib/campaigns/queries';
import { getEnv } from '@/lib/env';
import { buildRssFeed, feedResponse } from '@/lib/feeds/build-feed';
import { authorPath, campaignPath, feedPath, sectionPath, tagPath, type FeedKind } from '@/lib/routes';
import { getSectionBySlug } from '@/lib/sections/queries';
import { getSite } from '@/lib/seo/site';
import { getTagBySlug } from '@/lib/tags/queries';

const notFound = () => new Response('Not found', { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' } });

type FeedTarget = { scope: 'section' | 'author' | 'campaign' | 'tag'; kind: FeedKind; name: string; path: string };

async function describe(kind: string, slug: string): Promise<FeedTarget | null> {
  if (kind === 'sections') {
    const s = await getSectionBySlug(slug);
    return s && { scope: 'section', kind, name: s.name, path: sectionPath(s.slug) };
  }
  if (kind === 'authors') {
    const a = await getAuthorBySlug(slug);
    return a && { scope: 'author', kind, name: a.name, path: authorPath(a.slug) };
  }
  if (kind === 'campaigns') {
    const c = await getCampaignBySlug(slug);
    return c && { scope: 'campaign', kind, name: c.name, path: campaignPath(c.slug) };
  }
  if (kind === 'tags') {
    const t = await getTagBySlug(slug);
    return t && { scope: 'tag', kind, name: t.name, path: tagPath(t.slug) };
  }
  return null;
}

/**
 * RSS feeds per section, author, campaign and tag: /feeds/sections/x, /feeds/authors/x, /feeds/campaigns/x,
 * /feeds/tags/x. A tag with no published article has no page (404), and so no feed either.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ kind: string; slug: string }> }) {
  await connection();
  const { kind, slug } = await params;
  if (!/^[a-z0-9-]{1,200}$/.test(slug)) return notFound();
  const target = await describe(kind, slug);
  if (!target) return notFound();
  const site = getSite();
  const fullText = getEnv().FEED_FULL_TEXT;
  const articles = await getFeedArticles({ kind: target.scope, slug }, { fullText });
  if (target.scope === 'tag' && articles.length === 0) return notFound();
  return feedResponse(
    buildRssFeed({
      title: `${target.name} | ${site.name}`,
      description: `The latest from ${target.name} at ${site.name}.`,
      path: target.path,
      feedPath: feedPath(target.kind, slug),
      articles,
      fullText,
    }),
  );
}
