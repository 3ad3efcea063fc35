import 'server-only';
import { Feed } from 'feed';
import type { FeedArticle } from '@/lib/articles/queries';
import { articlePath, authorPath, FAVICON_PATH, mediaPath, sectionPath } from '@/lib/routes';
import { absoluteUrl, getSite } from '@/lib/seo/site';
import { removeInvalidXmlChars as xml } from '@/lib/text/xml-chars';

/**
 * An RSS 2.0 feed built with the `feed` library: summary content (the standfirst), authors, section as
 * category, and the hero image as enclosure. Editors' text passes through `removeInvalidXmlChars`: the
 * `feed` library escapes markup but keeps control characters that make XML malformed.
 */
export function buildRssFeed({ title, description, path, feedPath, articles }: { title: string; description: string; path: string; feedPath: string; articles: FeedArticle[] }): string {
  const site = getSite();
  const feed = new Feed({
    title: xml(title),
    description: xml(description),
    id: absoluteUrl(path),
    link: absoluteUrl(path),
    language: site.language,
    image: site.logoUrl,
    favicon: absoluteUrl(FAVICON_PATH),
    copyright: `© ${site.name}`,
    updated: articles[0]?.updatedAt ?? new Date(0),
    generator: 'Masthead',
    feedLinks: { rss: absoluteUrl(feedPath) },
  });
  for (const a of articles) {
    const url = absoluteUrl(articlePath(a));
    feed.addItem({
      title: xml(a.headline),
      id: url,
      link: url,
      description: xml(a.standfirst),
      date: a.publishedAt ?? a.updatedAt,
      published: a.publishedAt ?? undefined,
      author: a.authors.map(({ author }) => ({ name: xml(author.name), link: absoluteUrl(authorPath(author.slug)) })),
      category: [{ name: xml(a.section.name), domain: absoluteUrl(sectionPath(a.section.slug)) }],
      ...(a.heroImage
        ? { enclosure: { url: absoluteUrl(mediaPath(a.heroImage.storageKey)), type: a.heroImage.mimeType, length: a.heroImage.bytes, title: xml(a.heroImage.alt) } }
        : {}),
    });
  }
  return feed.rss2();
}

/** The response for a feed: RSS content type, cacheable by browsers and proxies for five minutes. */
export function feedResponse(xml: string): Response {
  return new Response(xml, { headers: { 'content-type': 'application/rss+xml; charset=utf-8', 'cache-control': 'public, max-age=300' } });
}
