import Image from 'next/image';
import Link from 'next/link';
import { ArticleBody } from '@/components/site/article-body';
import { readingTimeMinutes } from '@/lib/articles/body-text';
import type { PublishedArticle } from '@/lib/articles/queries';
import { mediaPath } from '@/lib/media/store';
import { formatDateTime } from '@/lib/text/format-date';

/**
 * The reader's article page body. The article route renders it for published articles; the dashboard
 * preview and share links render it for drafts, so a preview is exactly what readers will see.
 */
export function ArticleView({ article }: { article: PublishedArticle }) {
  const hero = article.heroImage;
  const minutes = readingTimeMinutes(article.bodyText);
  return (
    <article className="mx-auto max-w-3xl">
      <nav aria-label="Breadcrumb" className="text-sm text-neutral-700">
        <ol className="flex flex-wrap gap-1">
          <li>
            <Link href="/" className="underline-offset-2 hover:underline">
              Home
            </Link>
            <span aria-hidden="true"> › </span>
          </li>
          <li>
            <Link href={`/${article.section.slug}`} className="underline-offset-2 hover:underline">
              {article.section.name}
            </Link>
            <span aria-hidden="true"> › </span>
          </li>
          <li aria-current="page">{article.headline}</li>
        </ol>
      </nav>
      {article.campaign && (
        <p className="mt-4 text-sm font-bold uppercase tracking-wide text-accent">
          <Link href={`/campaigns/${article.campaign.slug}`}>{article.campaign.name}</Link>
        </p>
      )}
      {article.sponsored && (
        <p className="mt-2 inline-block bg-amber-100 px-2 py-1 text-sm font-semibold text-amber-950">
          {article.campaign?.disclosureLabel ?? 'Sponsored'}
        </p>
      )}
      <h1 className="mt-2 font-serif text-4xl font-bold leading-tight">{article.headline}</h1>
      {article.standfirst && <p className="mt-3 text-xl text-neutral-700">{article.standfirst}</p>}
      <div className="mt-4 border-y border-neutral-200 py-3 text-sm">
        <p>
          By{' '}
          {article.authors.map(({ author }, i) => (
            <span key={author.id}>
              {i > 0 && (i === article.authors.length - 1 ? ' and ' : ', ')}
              <Link href={`/authors/${author.slug}`} className="font-semibold underline-offset-2 hover:underline">
                {author.name}
              </Link>
              {[author.jobTitle, author.organisation].filter(Boolean).length > 0 && (
                <span className="text-neutral-700">, {[author.jobTitle, author.organisation].filter(Boolean).join(', ')}</span>
              )}
            </span>
          ))}
        </p>
        {article.publishedAt && (
          <p className="mt-1 text-neutral-700">
            Published <time dateTime={article.publishedAt.toISOString()}>{formatDateTime(article.publishedAt)}</time> · {minutes} min read
          </p>
        )}
      </div>
      {hero && (
        <figure className="mt-6">
          <Image
            src={mediaPath(hero.storageKey)}
            alt={hero.alt}
            width={hero.width}
            height={hero.height}
            sizes="(min-width: 768px) 768px, 100vw"
            priority
            className="h-auto w-full"
          />
          {(hero.caption || hero.credit) && (
            <figcaption className="mt-2 text-sm text-neutral-700">
              {hero.caption}
              {hero.credit && <span className="text-neutral-600"> Photograph: {hero.credit}</span>}
            </figcaption>
          )}
        </figure>
      )}
      <div className="prose prose-lg prose-neutral mt-6 max-w-none font-serif prose-headings:font-sans">
        <ArticleBody body={article.body} />
      </div>
    </article>
  );
}
