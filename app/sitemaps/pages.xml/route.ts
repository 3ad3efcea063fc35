import { connection } from 'next/server';
import { getAllAuthors } from '@/lib/authors/queries';
import { getAllCampaigns } from '@/lib/campaigns/queries';
import { getAllSections } from '@/lib/sections/queries';
import { getPagesForSitemap } from '@/lib/pages/queries';
import { getAllTags } from '@/lib/tags/queries';
import { latestOf, urlSetXml, xmlResponse } from '@/lib/sitemaps/decide-sitemap-xml';
import { getArticleLastmods } from '@/lib/sitemaps/queries';
import { authorPath, campaignPath, correctionsPath, homePath, sectionPath, standingPagePath, tagPath } from '@/lib/routes';
import { absoluteUrl } from '@/lib/seo/site';

/**
 * The sitemap of the site's other pages: front page, corrections, sections, standing pages, authors, campaigns and
 * tags, each with the time it last changed: its newest article (published or edited) or its own last
 * edit, whichever is later.
 */
export async function GET() {
  await connection();
  const [sections, pages, authors, campaigns, tags, lastmods] = await Promise.all([
    getAllSections(),
    getPagesForSitemap(),
    getAllAuthors(),
    getAllCampaigns(),
    getAllTags(),
    getArticleLastmods(),
  ]);
  return xmlResponse(
    urlSetXml([
      { loc: absoluteUrl(homePath()), lastmod: latestOf(lastmods.site) },
      { loc: absoluteUrl(correctionsPath()) },
      ...sections.map((s) => ({ loc: absoluteUrl(sectionPath(s.slug)), lastmod: latestOf(s.updatedAt, lastmods.sections.get(s.slug)) })),
      ...pages.map((p) => ({ loc: absoluteUrl(standingPagePath(p.slug)), lastmod: p.updatedAt })),
      ...authors.map((a) => ({ loc: absoluteUrl(authorPath(a.slug)), lastmod: latestOf(a.updatedAt, lastmods.authors.get(a.slug)) })),
      ...campaigns.map((c) => ({ loc: absoluteUrl(campaignPath(c.slug)), lastmod: latestOf(c.updatedAt, lastmods.campaigns.get(c.slug)) })),
      ...tags.map((t) => ({ loc: absoluteUrl(tagPath(t.slug)), lastmod: latestOf(lastmods.tags.get(t.slug)) })),
    ]),
  );
}
