import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { Pagination } from '@/components/site/pagination';
import { CORRECTION_KIND_LABEL } from '@/lib/articles/corrections';
import { parsePageParam } from '@/lib/articles/decide-pagination';
import { getCorrectionsPage } from '@/lib/articles/queries';
import { articlePath, correctionPath, CORRECTIONS_FEED_PATH, correctionsPath } from '@/lib/routes';
import { getSite, pageMetadata } from '@/lib/seo/site';
import { formatDateTime } from '@/lib/text/format-date';

/**
 * Rendered when the response cache (scripts/serve.mjs) does not hold the page; later pages are
 * `/corrections/page/N`, which next.config.js rewrites to `?page=N`. Its query marks it with the
 * `corrections` tag, and it stays cached until a correction is added or an article changes (ADR 0010).
 */
export const dynamic = 'force-dynamic';

type Props = { searchParams: Promise<{ page?: string | string[] }> };

export async function generateMetadata({ searchParams }: Props): Promise<Metadata> {
  const page = parsePageParam((await searchParams).page) ?? 1;
  const site = getSite();
  return pageMetadata({
    title: page > 1 ? `Corrections, page ${page}` : 'Corrections',
    description: `Every correction, clarification and update to articles published by ${site.name}, newest first.`,
    path: correctionsPath(page),
    feed: { path: CORRECTIONS_FEED_PATH, title: `${site.name} corrections RSS` },
  });
}

/** Every correction, clarification and update of published articles, newest first, paginated. */
export default async function CorrectionsPage({ searchParams }: Props) {
  const page = parsePageParam((await searchParams).page);
  if (page === null) notFound();
  const corrections = await getCorrectionsPage({ page });
  if (page > corrections.pageCount) notFound();
  const site = getSite();
  return (
    <>
      <header className="mb-8 border-b-2 border-neutral-900 pb-4">
        <h1 className="font-serif text-4xl font-bold">
          Corrections
          {page > 1 && <span className="text-2xl font-normal text-neutral-700">, page {page}</span>}
        </h1>
        <p className="mt-2 max-w-2xl text-neutral-700">
          When {site.name} gets something wrong, we correct it and say so at the foot of the article. These are all our corrections,
          clarifications and updates, newest first.{' '}
          <a href={CORRECTIONS_FEED_PATH} className="text-brand underline underline-offset-2">
            Follow them by RSS
          </a>
          .
        </p>
      </header>
      {corrections.items.length === 0 ? (
        <p className="text-neutral-700">No corrections yet.</p>
      ) : (
        <ol className="max-w-3xl divide-y divide-neutral-200" data-testid="corrections-list">
          {corrections.items.map((c) => (
            <li key={c.id} className="py-4">
              <p className="text-sm text-neutral-700">
                <span className="font-semibold uppercase tracking-wide text-neutral-900">{CORRECTION_KIND_LABEL[c.kind]}</span>
                {' · '}
                <time dateTime={c.publishedAt.toISOString()}>{formatDateTime(c.publishedAt)}</time>
                {' · '}
                {c.article.section.name}
              </p>
              <h2 className="mt-1 font-serif text-xl font-bold">
                <a href={articlePath(c.article)} className="hover:underline">
                  {c.article.headline}
                </a>
              </h2>
              <p className="mt-1 whitespace-pre-line font-serif text-neutral-800">{c.text}</p>
              <p className="mt-1 text-sm">
                <a href={correctionPath(c.article, c.id)} className="text-brand underline underline-offset-2">
                  See it on the article<span className="sr-only">: {c.article.headline}</span>
                </a>
              </p>
            </li>
          ))}
        </ol>
      )}
      <Pagination href={correctionsPath} page={page} pageCount={corrections.pageCount} />
    </>
  );
}
