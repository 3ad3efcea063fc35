import { contentScope, type ContentScope } from '@/lib/operations/content-scope';

/** What of a standing page other reader pages show: the footer (title, slug, order) and JSON-LD (role, slug). */
export type PageListing = { slug: string; title: string; role: string | null; showInFooter: boolean; position: number };

/**
 * The reader pages an edit of a standing page changes. Every reader page's footer lists the footer
 * pages and the publisher's JSON-LD links the role pages, so a change to the title, slug, role, footer
 * membership or order purges every page (`lists`). An edit of the standfirst or body alone purges only
 * the page itself, and the pages sitemap (`modified`: its lastmod). Both slugs are named on a move.
 */
export function decidePageScope(before: PageListing, after: PageListing): ContentScope {
  const listed = (p: PageListing) => JSON.stringify([p.slug, p.title, p.role, p.showInFooter, p.position]);
  const pageSlugs = [...new Set([before.slug, after.slug])];
  if (listed(before) !== listed(after)) return contentScope({ pageSlugs, lists: true });
  return contentScope({ pageSlugs, modified: true });
}

/** A page created or deleted: every footer and the publisher's JSON-LD may change. */
export function pageListScope(slug: string): ContentScope {
  return contentScope({ pageSlugs: [slug], lists: true });
}
