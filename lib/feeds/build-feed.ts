import 'server-only';
import { Feed } from 'feed';
import { bodyToHtml } from '@/lib/articles/body-html';
import { bodyDocumentSchema } from '@/lib/articles/body-schema';
import { decideDisclosure } from '@/lib/articles/decide-disclosure';
import { correctionLine, feedDateOf } from '@/lib/articles/corrections';
import type { FeedArticle } from '@/lib/articles/queries';
import { articlePath, FAVICON_PATH, mediaPath, sectionPath } from '@/lib/routes';
import { absoluteUrl, getSite } from '@/lib/seo/site';
import { formatDate } from '@/lib/text/format-date';
import { removeInvalidXmlChars as xml } from '@/lib/text/xml-chars';

const DC_NAMESPACE = 'http://purl.org/dc/elements/1.1/';

/**
 * An RSS 2.0 feed built with the `feed` library: summary (the standfirst), with `fullText` the whole body
 * as HTML in `content:encoded`, each author as `dc:creator` (RSS's own `<author>` is an email address, so
 * it is never emitted), section as category (and "Sponsored" or "Partner content" as a second one, with the
 * disclosure line before the summary, for paid-for and partner articles), and the hero image as enclosure (url, length, type: the
 * only attributes RSS defines). Editors' text passes through `removeInvalidXmlChars`: the `feed` library
 * escapes markup but keeps control characters that make XML malformed.
 * A corrected article keeps its original `pubDate`, gains `atom:updated` (the date of its newest
 * correction), and its description (and full text) ends with its newest corrections, so readers that
 * show changed items see what changed; the channel's `lastBuildDate` is the newest item date.
 */
export function buildRssFeed({
  title,
  description,
  path,
  feedPath,
  articles,
  fullText = false,
}: {
  title: string;
  description: string;
  path: string;
  feedPath: string;
  articles: FeedArticle[];
  fullText?: boolean;
}): string {
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
    updated: articles.length ? new Date(Math.max(...articles.map((a) => Math.max(feedDateOf(a).getTime(), a.updatedAt.getTime())))) : new Date(0),
    generator: 'Masthead',
    feedLinks: { rss: absoluteUrl(feedPath) },
  });
  for (const a of articles) {
    const url = absoluteUrl(articlePath(a));
    const disclosure = decideDisclosure(a);
    const notes = a.corrections.map((c) => correctionLine(c, formatDate(c.publishedAt)));
    const body = fullText ? bodyHtml(a.body, url) : null;
    const content = body !== null && notes.length ? `${body}${notes.map((n) => `<p><em>${escapeHtml(xml(n))}</em></p>`).join('')}` : body;
    const updated = a.corrections[0]?.publishedAt;
    feed.addItem({
      title: xml(a.headline),
      id: url,
      link: url,
      // Feed readers show the description beside the headline: a paid-for or partner article says so there,
      // as on the site; a corrected one ends with its corrections.
      description: xml([disclosure ? `${disclosureLine(disclosure)} ${a.standfirst}` : a.standfirst, ...notes].filter(Boolean).join('\n\n')),
      ...(content ? { content } : {}),
      date: a.publishedAt ?? a.updatedAt,
      published: a.publishedAt ?? undefined,
      extensions: [
        ...(a.authors.length ? [dcCreators(a.authors.map(({ author }) => author.name))] : []),
        ...(updated ? [{ name: 'atom:updated', objects: { _text: updated.toISOString() } }] : []),
      ],
      category: [{ name: xml(a.section.name), domain: absoluteUrl(sectionPath(a.section.slug)) }, ...(disclosure ? [{ name: disclosure.short }] : [])],
      ...(a.heroImage ? { enclosure: { url: absoluteUrl(mediaPath(a.heroImage.storageKey)), type: a.heroImage.mimeType, length: a.heroImage.bytes } } : {}),
    });
  }
  return withDcNamespace(feed.rss2());
}

/** "Partner content: In partnership with MedCity." or just "Sponsored." when the label says no more. */
function disclosureLine({ short, label }: { short: string; label: string }): string {
  return label === short ? `${short}.` : `${short}: ${label}.`;
}

/**
 * One `dc:creator` per author. `feed` writes an item's `author` as `<author>name</author>`, so the names go
 * in as an item extension, which it hands to xml-js as given: an array of text nodes is one element each
 * (the library types `objects` as a single object, hence the cast).
 */
function dcCreators(names: string[]): { name: string; objects: Record<string, unknown> } {
  return { name: 'dc:creator', objects: names.map((name) => ({ _text: xml(name) })) as unknown as Record<string, unknown> };
}

/** Text as HTML text: the five characters that could start markup or end an attribute, escaped. */
function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

/** The body as sanitised HTML, or null when there is none or it is not a document the renderer knows. */
function bodyHtml(body: unknown, articleUrl: string): string | null {
  const parsed = bodyDocumentSchema.safeParse(body);
  if (!parsed.success) return null;
  const html = bodyToHtml(parsed.data, { baseUrl: articleUrl });
  return html ? xml(html) : null;
}

/**
 * `feed` declares the `dc` prefix only when some item has `content`; a feed of summaries with
 * `dc:creator` would then use an undeclared prefix, which namespace-aware parsers reject. The library
 * offers no option for root attributes, so the declaration is added to the `<rss` start tag it writes.
 */
function withDcNamespace(rss: string): string {
  if (rss.includes(`xmlns:dc="${DC_NAMESPACE}"`)) return rss;
  return rss.replace('<rss version="2.0"', `<rss version="2.0" xmlns:dc="${DC_NAMESPACE}"`);
}

/** The response for a feed: RSS content type, cacheable by browsers and proxies for five minutes. */
export function feedResponse(xml: string): Response {
  return new Response(xml, { headers: { 'content-type': 'application/rss+xml; charset=utf-8', 'cache-control': 'public, max-age=300' } });
}
