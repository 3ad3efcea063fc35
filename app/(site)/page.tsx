import { ArticleCard } from '@/components/site/article-card';
import { getLatestArticles } from '@/lib/articles/queries';

export const dynamic = 'force-dynamic';

export default async function FrontPage() {
  const articles = await getLatestArticles({ take: 13 });
  const [lead, ...rest] = articles;
  return (
    <>
      <h1 className="sr-only">Latest news</h1>
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
      {rest.length > 0 && (
        <section aria-labelledby="latest-heading" className="mt-6">
          <h2 id="latest-heading" className="mb-4 font-serif text-2xl font-bold">
            Latest
          </h2>
          <div className="grid gap-8 sm:grid-cols-2 lg:grid-cols-3">
            {rest.map((a) => (
              <ArticleCard key={a.id} article={a} headingLevel={3} />
            ))}
          </div>
        </section>
      )}
    </>
  );
}
