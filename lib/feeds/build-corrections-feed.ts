import 'server-only';
import { Feed } from 'feed';
import { CORRECTION_KIND_LABEL } from '@/lib/articles/corrections';
import type { CorrectionListItem } from '@/lib/articles/queries';
import { articlePath, correctionPath, CORRECTIONS_FEED_PATH, correctionsPath, FAVICON_PATH, sectionPath } from '@/lib/routes';
import { absoluteUrl, getSite } from '@/lib/seo/site';
import { removeInvalidXmlChars as xml } from '@/lib/text/xml-chars';

/**
 * The RSS 2.0 feed of corrections, newest first: one item per correction, titled "Correction: <headline>",
 * linking to the correction at its article's foot (its guid: a correction is never re-announced), dated
 * when it was published, with its text as the description and the article's section as category.
 */
export function buildCorrectionsFeed(corrections: CorrectionListItem[]): string {
  const site = getSite();
  const feed = new Feed({
    title: xml(`Corrections | ${site.name}`),
    description: xml(`Corrections, clarifications and updates to articles published by ${site.name}.`),
    id: absoluteUrl(correctionsPath()),
    link: absoluteUrl(correctionsPath()),
    language: site.language,
    image: site.logoUrl,
    favicon: absoluteUrl(FAVICON_PATH),
    copyright: `© ${site.name}`,
    updated: corrections[0]?.publishedAt ?? new Date(0),
    generator: 'Masthead',
    feedLinks: { rss: absoluteUrl(CORRECTIONS_FEED_PATH) },
  });
  for (const c of corrections) {
    const url = absoluteUrl(correctionPath(c.article, c.id));
    feed.addItem({
      title: xml(`${CORRECTION_KIND_LABEL[c.kind]}: ${c.article.headline}`),
      id: url,
      link: url,
      description: xml(c.text),
      date: c.publishedAt,
      category: [{ name: xml(c.article.section.name), domain: absoluteUrl(sectionPath(c.article.section.slug)) }],
      extensions: [{ name: 'atom:link', objects: { _attributes: { rel: 'related', href: absoluteUrl(articlePath(c.article)) } } }],
    });
  }
  return feed.rss2();
}
