import type { Metadata } from 'next';
import { Picture } from '@/components/site/picture';
import { notFound } from 'next/navigation';
import { ArticleGrid } from '@/components/site/article-grid';
import { JsonLd } from '@/components/site/json-ld';
import { Pagination } from '@/components/site/pagination';
import { parsePageParam } from '@/lib/articles/decide-pagination';
import { getAuthorArticles } from '@/lib/articles/queries';
import { getAuthorBySlug } from '@/lib/authors/queries';
import { authorPath, feedPath, mediaPath } from '@/lib/routes';
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
  const author = await getAuthorBySlug((await params).slug);
  const page = parsePageParam((await searchParams).page);
  if (!author || page === null || page > (await getAuthorArticles({ authorSlug: author.slug, page })).pageCount) return notFoundMetadata;
  const role = [author.jobTitle, author.organisation].filter(Boolean).join(', ');
  return pageMetadata({
    title: page > 1 ? `${author.name}, page ${page}` : author.name,
    description: author.bio ?? `Articles by ${author.name}${role ? `, ${role}` : ''}.`,
    path: authorPath(author.slug, page),
    feed: { path: feedPath('authors', author.slug), title: `${author.name} RSS` },
  });
}

/** An author's page: photo, role, bio and their articles, paginated. */
export default async function AuthorPage({ params, searchParams }: Props) {
  const author = await getAuthorBySlug((await params).slug);
  if (!author) notFound();
  const page = parsePageParam((await searchParams).page);
  if (page === null) notFound();
  const articles = await getAuthorArticles({ authorSlug: author.slug, page });
  if (page > articles.pageCount) notFound();
  const role = [author.jobTitle, author.organisation].filter(Boolean).join(', ');
  return (
    <>
      <JsonLd data={{ '@context': 'https://schema.org', '@type': 'ProfilePage', mainEntity: { '@type': 'Person', name: author.name, url: absoluteUrl(authorPath(author.slug)), ...(author.jobTitle ? { jobTitle: author.jobTitle } : {}) } }} />
      <header className="mb-8 flex flex-col gap-4 border-b-2 border-neutral-900 pb-6 sm:flex-row sm:items-center">
        {author.photo && (
          <Picture
            src={mediaPath(author.photo.storageKey)}
            alt={`Portrait of ${author.name}`}
            width={author.photo.width}
            height={author.photo.height}
            preload
            fetchPriority="high"
            className="h-32 w-32 rounded-full object-cover"
          />
        )}
        <div>
          <h1 className="font-serif text-4xl font-bold">{author.name}</h1>
          {role && <p className="mt-1 text-lg font-semibold text-neutral-700">{role}</p>}
          {author.bio && <p className="mt-2 max-w-2xl text-neutral-800">{author.bio}</p>}
        </div>
      </header>
      <h2 className="mb-4 font-serif text-2xl font-bold">
        Articles by {author.name}
        {page > 1 && `, page ${page}`}
      </h2>
      {articles.items.length === 0 ? <p>No published articles yet.</p> : <ArticleGrid articles={articles.items} />}
      <Pagination href={(n) => authorPath(author.slug, n)} page={page} pageCount={articles.pageCount} />
      <p className="mt-6 text-sm">
        <a href={feedPath('authors', author.slug)} className="text-brand underline">
          {author.name} RSS feed
        </a>
      </p>
    </>
  );
}
