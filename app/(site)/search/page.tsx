import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { Pagination } from '@/components/site/pagination';
import { parsePageParam } from '@/lib/articles/decide-pagination';
import { articlePath, searchPath } from '@/lib/routes';
import { normaliseQuery, splitHighlights } from '@/lib/search/decide-search';
import { searchArticles } from '@/lib/search/queries';
import { pageMetadata } from '@/lib/seo/site';
import { formatDate } from '@/lib/text/format-date';

/**
 * Rendered per query: the response cache keeps a normalised query's page for a minute, and purges it
 * with every change to the content (ADR 0010). Also keeps `next build` from prerendering it, which would
 * need a database.
 */
export const dynamic = 'force-dynamic';

type Props = { searchParams: Promise<{ q?: string | string[]; page?: string | string[] }> };

export async function generateMetadata({ searchParams }: Props): Promise<Metadata> {
  const q = normaliseQuery((await searchParams).q);
  return {
    ...pageMetadata({ title: q ? `Search: ${q}` : 'Search', description: 'Search every published article.', path: searchPath() }),
    // Result pages are endless and thin: keep them out of search engines, but follow their links.
    robots: { index: false, follow: true },
  };
}

function Highlighted({ text }: { text: string }) {
  return (
    <>
      {splitHighlights(text).map((part, i) =>
        part.match ? (
          <mark key={i} className="bg-yellow-200 text-neutral-900">
            {part.text}
          </mark>
        ) : (
          <span key={i}>{part.text}</span>
        ),
      )}
    </>
  );
}

/** Full-text search over headlines, standfirsts, bodies and author names, most relevant first. */
export default async function SearchPage({ searchParams }: Props) {
  const params = await searchParams;
  const q = normaliseQuery(params.q);
  const page = parsePageParam(params.page);
  if (page === null) notFound();
  const results = q ? await searchArticles({ query: q, page }) : null;
  return (
    <>
      <h1 className="font-serif text-4xl font-bold">Search</h1>
      <form action={searchPath()} method="get" role="search" className="mt-4 flex max-w-xl gap-2">
        <label htmlFor="search-q" className="sr-only">
          Search articles
        </label>
        <input
          id="search-q"
          name="q"
          type="search"
          defaultValue={q}
          maxLength={200}
          className="min-w-0 flex-1 rounded border border-neutral-500 px-3 py-2"
        />
        <button type="submit" className="rounded bg-brand px-4 py-2 font-semibold text-white">
          Search
        </button>
      </form>
      {results && (
        <section aria-labelledby="results-heading" className="mt-8">
          <h2 id="results-heading" className="text-lg font-semibold" aria-live="polite">
            {results.total === 0 ? `No results for “${q}”` : `${results.total} result${results.total === 1 ? '' : 's'} for “${q}”`}
          </h2>
          <ol className="mt-4 space-y-6">
            {results.hits.map((hit) => (
              <li key={hit.id} className="border-b border-neutral-200 pb-4">
                <p className="text-xs font-bold uppercase tracking-wide text-accent">{hit.sectionName}</p>
                <h3 className="font-serif text-xl font-bold">
                  <a href={articlePath(hit)} className="hover:underline">
                    <Highlighted text={hit.headlineHighlighted} />
                  </a>
                </h3>
                <p className="mt-1 text-neutral-800">
                  <Highlighted text={hit.snippet} />
                </p>
                <p className="mt-1 text-sm text-neutral-700">
                  {hit.bylineText && `${hit.bylineText} · `}
                  <time dateTime={new Date(hit.publishedAt).toISOString()}>{formatDate(new Date(hit.publishedAt))}</time>
                </p>
              </li>
            ))}
          </ol>
          <Pagination href={(n) => searchPath(q, n)} page={page} pageCount={results.pageCount} />
        </section>
      )}
    </>
  );
}
