import { connection } from 'next/server';
import { getAllAuthors } from '@/lib/authors/queries';
import { getAllCampaigns } from '@/lib/campaigns/queries';
import { getAllSections } from '@/lib/sections/queries';
import { getPagesForSitemap } from '@/lib/pages/queries';
import { getAllTags } from '@/lib/tags/queries';
import { urlSetXml, xmlResponse } from '@/lib/sitemaps/decide-sitemap-xml';
import { authorPath, campaignPath, homePath, sectionPath, standingPagePath, tagPath } from '@/lib/routes';
import { absoluteUrl } from '@/lib/seo/site';

/** The sitemap of the site's other pages: front page, sections, standing pages, authors, campaigns and tags. */
export async function GET() {
  await connection();
  const [sections, pages, authors, campaigns, tags] = await Promise.all([getAllSections(), getPagesForSitemap(), getAllAuthors(), getAllCampaigns(), getAllTags()]);
  return xmlResponse(
    urlSetXml([
      { loc: absoluteUrl(homePath()) },
      ...sections.map((s) => ({ loc: absoluteUrl(sectionPath(s.slug)), lastmod: s.updatedAt })),
      ...pages.map((p) => ({ loc: absoluteUrl(standingPagePath(p.slug)), lastmod: p.updatedAt })),
      ...authors.map((a) => ({ loc: absoluteUrl(authorPath(a.slug)), lastmod: a.updatedAt })),
      ...campaigns.map((c) => ({ loc: absoluteUrl(campaignPath(c.slug)), lastmod: c.updatedAt })),
      ...tags.map((t) => ({ loc: absoluteUrl(tagPath(t.slug)) })),
    ]),
  );
}
