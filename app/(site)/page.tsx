import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { ArticleCard } from '@/components/site/article-card';
import { ArticleGrid } from '@/components/site/article-grid';
import { JsonLd } from '@/components/site/json-ld';
import { NewsletterSignup } from '@/components/site/newsletter-signup';
import { Pagination } from '@/components/site/pagination';
import { sectionContainers } from '@/lib/articles/decide-front-page';
import { parsePageParam } from '@/lib/articles/decide-pagination';
import { getLatestArticles, getSectionLatest } from '@/lib/articles/queries';
import { getCurrentCampaigns } from '@/lib/campaigns/queries';
import { listNewslettersForReaders } from '@/lib/newsletters/queries';
import { campaignPath, homePath, sectionPath, SITE_FEED_PATH } from '@/lib/routes';
import { getPublisherPolicies } from '@/lib/pages/queries';
import { getNavigationSections } from '@/lib/sections/queries';
import { frontPageJsonLd } from '@/lib/seo/decide-json-ld';
import { getSite, notFoundMetadata, pageMetadata } from '@/lib/seo/site';

/**
 * Rendered when the response cache (scripts/serve.mjs) does not hold the page; later pages are
 * `<path>/page/N`, which next.config.js rewrites to `?page=N`. Its queries mark the page with their tags,
 * and it stays cached until a change purges one (ADR 0010). Also keeps `next build` from prerendering
 * it, which would need a database.
 */
export const dynamic = 'force-dynamic';

/** Stories per section container below the Latest list. */
const SECTION_CARDS = 3;

type Props = { searchParams: Promise<{ page?: string | string[] }> };

export async function generateMetadata({ searchParams }: Props): Promise<Metadata> {
  const page = parsePageParam((await searchParams).page);
  if (page === null || page > (await getLatestArticles({ page })).pageCount) return notFoundMetadata;
  const site = getSite();
  return pageMetadata({
    // The root layout's template adds " | <site name>": the brand once, not twice.
    title: page > 1 ? `Latest news, page ${page}` : 'Latest news',
    description: `The latest reporting from ${site.name} on science, technology, climate, business, health and culture.`,
    path: homePath(page),
    feed: { path: SITE_FEED_PATH, title: `${site.name} RSS` },
  });
}

/** The front page: lead story, latest per section and current campaigns; later pages list older news. */
export default async function FrontPage({ searchParams }: Props) {
  const page = parsePageParam((await searchParams).page);
  if (page === null) notFound();
  const latest = await getLatestArticles({ page });
  if (page > latest.pageCount) notFound();
  const site = getSite();

  if (page > 1) {
    return (
      <>
        <h1 className="mb-6 font-serif text-3xl font-bold">Latest news, page {page}</h1>
        <ArticleGrid articles={latest.items} headingLevel={2} preloadFirst />
        <Pagination href={homePath} page={page} pageCount={latest.pageCount} />
      </>
    );
  }

  const [lead, ...rest] = latest.items;
  const [sections, campaigns, policies, newsletters] = await Promise.all([
    getNavigationSections(),
    getCurrentCampaigns(),
    getPublisherPolicies(),
    listNewslettersForReaders(),
  ]);
  // Enough of each section's newest to fill its container after leaving out what the page shows above.
  const candidates = await Promise.all(
    sections.map(async (s) => ({
      ...s,
      articles: await getSectionLatest({ sectionSlug: s.slug, take: SECTION_CARDS + latest.items.length }),
    })),
  );
  const perSection = sectionContainers(candidates, latest.items, SECTION_CARDS);

  return (
    <>
      <JsonLd data={frontPageJsonLd(site, policies)} />
      <h1 className="sr-only">{site.name}: latest news</h1>
      {lead ? (
        <section aria-labelledby="lead-heading" className="border-b border-neutral-200 pb-6">
          <h2 id="lead-heading" className="sr-only">
            Lead story
          </h2>
          <ArticleCard article={lead} lead headingLevel={3} />
        </section>
      ) : (
        <p>No articles have been published yet.</p>
      )}
      {campaigns.length > 0 && (
        <section aria-labelledby="campaigns-heading" className="mt-8 border-b border-neutral-200 pb-6">
          <h2 id="campaigns-heading" className="mb-3 font-serif text-2xl font-bold">
            Campaigns
          </h2>
          <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
            {campaigns.map((c) => (
              <li key={c.id} className="border-l-4 border-accent pl-3">
                <h3 className="font-bold">
                  <a href={campaignPath(c.slug)} className="hover:underline">
                    {c.name}
                  </a>
                </h3>
                {c.disclosureLabel && <p className="text-sm text-neutral-700">{c.disclosureLabel}</p>}
              </li>
            ))}
          </ul>
        </section>
      )}
      {rest.length > 0 && (
        <section aria-labelledby="latest-heading" className="mt-8">
          <h2 id="latest-heading" className="mb-4 font-serif text-2xl font-bold">
            Latest
          </h2>
          <ArticleGrid articles={rest} />
          <Pagination href={homePath} page={page} pageCount={latest.pageCount} />
        </section>
      )}
      {perSection.map((s) => (
        <section key={s.slug} aria-labelledby={`section-${s.slug}`} className="mt-10 border-t-2 border-neutral-900 pt-3">
          <h2 id={`section-${s.slug}`} className="mb-4 font-serif text-2xl font-bold">
            <a href={sectionPath(s.slug)} className="hover:underline">
              {s.name}
            </a>
          </h2>
          <ArticleGrid articles={s.articles} />
        </section>
      ))}
      <NewsletterSignup newsletters={newsletters} id="newsletters" />
    </>
  );
}
