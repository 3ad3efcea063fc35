/** Sitemap XML (sitemaps.org 0.9 and Google News 0.9), written through one escaping function. */
import { removeInvalidXmlChars } from '@/lib/text/xml-chars';

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** Escapes text for XML element content and attribute values. */
export function escapeXml(value: string): string {
  return removeInvalidXmlChars(value).replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

const HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n';

/** A sitemap index listing child sitemaps. */
export function sitemapIndexXml(entries: { loc: string; lastmod?: Date }[]): string {
  const body = entries.map((e) => `<sitemap><loc>${escapeXml(e.loc)}</loc>${e.lastmod ? `<lastmod>${e.lastmod.toISOString()}</lastmod>` : ''}</sitemap>`).join('\n');
  return `${HEAD}<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${body}\n</sitemapindex>\n`;
}

/** A urlset of at most 50,000 URLs; throws past that so a bug can never write an invalid file. */
export function urlSetXml(entries: { loc: string; lastmod?: Date }[]): string {
  if (entries.length > 50_000) throw new Error(`A sitemap holds at most 50,000 URLs, got ${entries.length}.`);
  const body = entries.map((e) => `<url><loc>${escapeXml(e.loc)}</loc>${e.lastmod ? `<lastmod>${e.lastmod.toISOString()}</lastmod>` : ''}</url>`).join('\n');
  return `${HEAD}<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${body}\n</urlset>\n`;
}

/** A Google News sitemap: publication name and language, publication date and title per article. */
export function newsSitemapXml(publication: { name: string; language: string }, entries: { loc: string; publishedAt: Date; title: string }[]): string {
  if (entries.length > 1000) throw new Error(`A news sitemap holds at most 1,000 URLs, got ${entries.length}.`);
  const pub = `<news:publication><news:name>${escapeXml(publication.name)}</news:name><news:language>${escapeXml(publication.language)}</news:language></news:publication>`;
  const body = entries
    .map(
      (e) =>
        `<url><loc>${escapeXml(e.loc)}</loc><news:news>${pub}<news:publication_date>${e.publishedAt.toISOString()}</news:publication_date><news:title>${escapeXml(e.title)}</news:title></news:news></url>`,
    )
    .join('\n');
  return `${HEAD}<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">\n${body}\n</urlset>\n`;
}

/** The latest of some dates (a row's own edit and its newest article, say), or undefined when there is none. */
export function latestOf(...dates: (Date | null | undefined)[]): Date | undefined {
  let latest: Date | undefined;
  for (const d of dates) if (d && (!latest || d.getTime() > latest.getTime())) latest = d;
  return latest;
}

/** How many article sitemap pages `count` articles need (at least one, so the index is never empty). */
export function sitemapPageCount(count: number, pageSize = 50_000): number {
  return Math.max(1, Math.ceil(count / pageSize));
}

/** The XML response for a sitemap, cacheable for five minutes. */
export function xmlResponse(xml: string): Response {
  return new Response(xml, { headers: { 'content-type': 'application/xml; charset=utf-8', 'cache-control': 'public, max-age=300' } });
}
