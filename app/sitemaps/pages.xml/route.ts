import { connection } from 'next/server';
import { getAllAuthors } from '@/lib/authors/queries';
import { getAllCampaigns } from '@/lib/campaigns/queries';
import { getAllSections } from '@/lib/sections/queries';
import { getAllTags } from '@/lib/tags/queries';
import { urlSetXml, xmlResponse } from '@/lib/sitemaps/decide-sitemap-xml';
import { authorPath, campaignPath, correctionsPath, homePath, sectionPath, tagPath } from '@/lib/routes';
import { absoluteUrl } from '@/lib/seo/site';

/** The sitemap of the site's other pages: front page, corrections, sections, authors, campaigns and tags. */
export async function GET() {
  await connection();
  const [sections, authors, campaigns, tags] = await Promise.all([getAllSections(), getAllAuthors(), getAllCampaigns(), getAllTags()]);
  return xmlResponse(
    urlSetXml([
      { loc: absoluteUrl(homePath()) },
      { loc: absoluteUrl(correctionsPath()) },
      ...sections.map((s) => ({ loc: absoluteUrl(sectionPath(s.slug)), lastmod: s.updatedAt })),
      ...authors.map((a) => ({ loc: absoluteUrl(authorPath(a.slug)), lastmod: a.updatedAt })),
      ...campaigns.map((c) => ({ loc: absoluteUrl(campaignPath(c.slug)), lastmod: c.updatedAt })),
      ...tags.map((t) => ({ loc: absoluteUrl(tagPath(t.slug)) })),
    ]),
  );
}
