import { NewsletterSignup } from '@/components/site/newsletter-signup';
import { listNewslettersForReaders } from '@/lib/newsletters/queries';
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { ArticleGrid } from '@/components/site/article-grid';
import { JsonLd } from '@/components/site/json-ld';
import { Pagination } from '@/components/site/pagination';
import { parsePageParam } from '@/lib/articles/decide-pagination';
import { getSectionArticles } from '@/lib/articles/queries';
import { feedPath, homePath, sectionPath } from '@/lib/routes';
import { getSectionBySlug } from '@/lib/sections/queries';
import { breadcrumbJsonLd } from '@/lib/seo/decide-json-ld';
import { absoluteUrl, notFoundMetadata, pageMetadata } from '@/lib/seo/site';

/**
 * Rendered when the response cache (scripts/serve.mjs) does not hold the page; later pages are
 * `<path>/page/N`, which next.config.js rewrites to `?page=N`. Its queries mark the page with their tags,
 * and it stays cached until a change purges one (ADR 0010). Also keeps `next build` from prerendering
 * it, which would need a database.
 */
export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ section: string }>; searchParams: Promise<{ page?: string | string[] }> };

export async function generateMetadata({ params, searchParams }: Props): Promise<Metadata> {
  const section = await getSectionBySlug((await params).section);
  const page = parsePageParam((await searchParams).page);
  if (!section || page === null || page > (await getSectionArticles({ sectionSlug: section.slug, page })).pageCount) return notFoundMetadata;
  return pageMetadata({
    title: page > 1 ? `${section.name}, page ${page}` : section.name,
    description: section.description ?? `The latest ${section.name.toLowerCase()} news.`,
    path: sectionPath(section.slug, page),
    feed: { path: feedPath('sections', section.slug), title: `${section.name} RSS` },
  });
}

/** A section front: name, description, subsections, and its articles newest first, paginated. */
export default async function SectionPage({ params, searchParams }: Props) {
  const { section: slug } = await params;
  const section = await getSectionBySlug(slug);
  if (!section) notFound();
  const page = parsePageParam((await searchParams).page);
  if (page === null) notFound();
  const [articles, newsletters] = await Promise.all([getSectionArticles({ sectionSlug: section.slug, page }), listNewslettersForReaders()]);
  if (page > articles.pageCount) notFound();

  const crumbs = [
    { name: 'Home', url: absoluteUrl(homePath()) },
    ...(section.parent ? [{ name: section.parent.name, url: absoluteUrl(sectionPath(section.parent.slug)) }] : []),
    { name: section.name, url: absoluteUrl(sectionPath(section.slug)) },
  ];
  return (
    <>
      <JsonLd data={breadcrumbJsonLd(crumbs)} />
      <header className="mb-8 border-b-2 border-neutral-900 pb-4">
        {section.parent && (
          <p className="text-sm font-semibold">
            <a href={sectionPath(section.parent.slug)} className="text-accent hover:underline">
              {section.parent.name}
            </a>
          </p>
        )}
        <h1 className="font-serif text-4xl font-bold">
          {section.name}
          {page > 1 && <span className="text-2xl font-normal text-neutral-700">, page {page}</span>}
        </h1>
        {section.description && <p className="mt-2 max-w-2xl text-lg text-neutral-700">{section.description}</p>}
        {section.children.length > 0 && (
          <nav aria-label={`${section.name} subsections`} className="mt-3">
            <ul className="flex flex-wrap gap-3 text-sm font-semibold">
              {section.children.map((c) => (
                <li key={c.slug}>
                  <a href={sectionPath(c.slug)} className="rounded border border-neutral-300 px-2 py-1 hover:border-brand hover:text-brand">
                    {c.name}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
        )}
      </header>
      {articles.items.length === 0 ? <p>Nothing has been published in this section yet.</p> : <ArticleGrid articles={articles.items} headingLevel={2} preloadFirst />}
      <Pagination href={(n) => sectionPath(section.slug, n)} page={page} pageCount={articles.pageCount} />
      <p className="mt-6 text-sm">
        <a href={feedPath('sections', section.slug)} className="text-brand underline">
          {section.name} RSS feed
        </a>
      </p>
      <NewsletterSignup newsletters={newsletters} sectionId={section.id} id="newsletters" />
    </>
  );
}
