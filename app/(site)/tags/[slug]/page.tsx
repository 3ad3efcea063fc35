import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { ArticleGrid } from '@/components/site/article-grid';
import { JsonLd } from '@/components/site/json-ld';
import { Pagination } from '@/components/site/pagination';
import { parsePageParam } from '@/lib/articles/decide-pagination';
import { getTagArticles } from '@/lib/articles/queries';
import { feedPath, homePath, tagPath } from '@/lib/routes';
import { breadcrumbJsonLd } from '@/lib/seo/decide-json-ld';
import { getTagBySlug } from '@/lib/tags/queries';
import { absoluteUrl, notFoundMetadata, pageMetadata } from '@/lib/seo/site';

/**
 * Rendered when the response cache (scripts/serve.mjs) does not hold the page; later pages are
 * `<path>/page/N`, which next.config.js rewrites to `?page=N`. Its queries mark the page with their tags,
 * and it stays cached until a change purges one (ADR 0010). Also keeps `next build` from prerendering
 * it, which would need a database.
 */
export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<{ page?: string | string[] }> };

export async function generateMetadata({ params, searchParams }: Props): Promise<Metadata> {
  const tag = await getTagBySlug((await params).slug);
  const page = parsePageParam((await searchParams).page);
  if (!tag || page === null) return notFoundMetadata;
  const articles = await getTagArticles({ tagSlug: tag.slug, page });
  if (articles.total === 0 || page > articles.pageCount) return notFoundMetadata;
  return pageMetadata({
    title: page > 1 ? `${tag.name}, page ${page}` : tag.name,
    description: `Articles about ${tag.name}.`,
    path: tagPath(tag.slug, page),
    feed: { path: feedPath('tags', tag.slug), title: `${tag.name} RSS` },
  });
}

/** A tag's page: its articles newest first, paginated. Unknown tags and tags with no articles are 404. */
export default async function TagPage({ params, searchParams }: Props) {
  const tag = await getTagBySlug((await params).slug);
  if (!tag) notFound();
  const page = parsePageParam((await searchParams).page);
  if (page === null) notFound();
  const articles = await getTagArticles({ tagSlug: tag.slug, page });
  if (articles.total === 0 || page > articles.pageCount) notFound();
  return (
    <>
      <JsonLd
        data={breadcrumbJsonLd([
          { name: 'Home', url: absoluteUrl(homePath()) },
          { name: tag.name, url: absoluteUrl(tagPath(tag.slug)) },
        ])}
      />
      <header className="mb-8 border-b-2 border-neutral-900 pb-4">
        <p className="text-sm font-bold uppercase tracking-wide text-accent">Topic</p>
        <h1 className="font-serif text-4xl font-bold">
          {tag.name}
          {page > 1 && <span className="text-2xl font-normal text-neutral-700">, page {page}</span>}
        </h1>
      </header>
      <ArticleGrid articles={articles.items} headingLevel={2} preloadFirst />
      <Pagination href={(n) => tagPath(tag.slug, n)} page={page} pageCount={articles.pageCount} />
    </>
  );
}
