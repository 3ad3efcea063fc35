import { Picture } from '@/components/site/picture';
import { decideDisclosure } from '@/lib/articles/decide-disclosure';
import type { ArticleCard as ArticleCardData } from '@/lib/articles/queries';
import { articlePath, mediaPath } from '@/lib/routes';
import { formatDate } from '@/lib/text/format-date';

/** A teaser linking to an article: picture, disclosure label (sponsored or partner content, as on its page), section, headline, standfirst, byline and date. A lead teaser's picture is preloaded. */
export function ArticleCard({ article, lead = false, preload = lead, headingLevel = 2 }: { article: ArticleCardData; lead?: boolean; preload?: boolean; headingLevel?: 2 | 3 }) {
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const href = articlePath(article);
  const disclosure = decideDisclosure(article);
  return (
    <article className={lead ? 'grid gap-4 md:grid-cols-2' : 'flex flex-col gap-2'}>
      {article.heroImage && (
        <Picture
          src={mediaPath(article.heroImage.storageKey)}
          alt=""
          width={article.heroImage.width}
          height={article.heroImage.height}
          sizes={lead ? '(min-width: 768px) 560px, 100vw' : '(min-width: 768px) 360px, 100vw'}
          preload={preload}
          className="aspect-[16/9] h-auto w-full object-cover"
        />
      )}
      <div>
        <p className="text-xs font-bold uppercase tracking-wide text-accent">
          {disclosure && <span className="mr-1 rounded-sm bg-amber-100 px-1 text-amber-950">{disclosure.short}</span>}
          {article.section.name}
        </p>
        <Heading className={`font-serif font-bold leading-tight ${lead ? 'text-3xl' : 'text-xl'}`}>
          <a href={href} className="hover:underline">
            {article.headline}
          </a>
        </Heading>
        {article.standfirst && <p className="mt-1 text-neutral-700">{article.standfirst}</p>}
        <p className="mt-1 text-sm text-neutral-600">
          {article.authors.map((a) => a.author.name).join(', ')}
          {article.publishedAt && (
            <>
              {article.authors.length > 0 && ' · '}
              <time dateTime={article.publishedAt.toISOString()}>{formatDate(article.publishedAt)}</time>
            </>
          )}
        </p>
      </div>
    </article>
  );
}
