import { Breadcrumb } from '@/components/site/breadcrumb';
import { Picture } from '@/components/site/picture';
import { ArticleBody } from '@/components/site/article-body';
import { CorrectionNote, CorrectionsFoot } from '@/components/site/article-corrections';
import { ArticleGrid } from '@/components/site/article-grid';
import { JsonLd } from '@/components/site/json-ld';
import { NewsletterSignup } from '@/components/site/newsletter-signup';
import { readingTimeMinutes } from '@/lib/articles/body-text';
import { decideDisclosure } from '@/lib/articles/decide-disclosure';
import { CORRECTION_KIND_LABEL, lastModifiedOf } from '@/lib/articles/corrections';
import { getNextArticle, getRelatedArticles, type PublishedArticle } from '@/lib/articles/queries';
import { listNewslettersForReaders } from '@/lib/newsletters/queries';
import { getPublisherPolicies } from '@/lib/pages/queries';
import { articlePath, authorPath, campaignPath, homePath, mediaPath, sectionPath, tagPath } from '@/lib/routes';
import { breadcrumbJsonLd, newsArticleJsonLd } from '@/lib/seo/decide-json-ld';
import { absoluteUrl, getSite, structuredDataImageUrls } from '@/lib/seo/site';
import { formatDateTime } from '@/lib/text/format-date';

/** An edit counts as an update once it is more than a minute after publication. */
const UPDATE_GRACE_MS = 60_000;

/**
 * The reader's article page. The article route renders it for published articles; the dashboard
 * preview and share links render it for drafts, so a preview is exactly what readers will see.
 */
export async function ArticleView({ article }: { article: PublishedArticle }) {
  const [related, next, policies, newsletters] = await Promise.all([
    getRelatedArticles({ articleId: article.id, sectionId: article.section.id, tagIds: article.tags.map((t) => t.tag.id) }),
    getNextArticle({ id: article.id, publishedAt: article.publishedAt, sectionId: article.section.id, campaignId: article.campaign?.id ?? null }),
    getPublisherPolicies(),
    listNewslettersForReaders(),
  ]);
  const site = getSite();
  const hero = article.heroImage;
  const minutes = readingTimeMinutes(article.bodyText);
  const path = articlePath(article);
  const publishedAt = article.publishedAt ?? article.createdAt;
  // A correction moves the modification time (the operation sets updatedAt too; this holds for any data).
  const modifiedAt = lastModifiedOf({ publishedAt, updatedAt: article.updatedAt, corrections: article.corrections });
  const updated = modifiedAt.getTime() - publishedAt.getTime() > UPDATE_GRACE_MS;
  const disclosure = decideDisclosure(article);

  const crumbs = [
    { name: 'Home', href: homePath() },
    ...(article.section.parent ? [{ name: article.section.parent.name, href: sectionPath(article.section.parent.slug) }] : []),
    { name: article.section.name, href: sectionPath(article.section.slug) },
  ];

  return (
    <article className="mx-auto max-w-3xl">
      <JsonLd
        data={newsArticleJsonLd(site, {
          url: absoluteUrl(path),
          headline: article.headline,
          description: article.standfirst,
          imageUrls: hero ? structuredDataImageUrls(hero.storageKey) : [site.logoUrl],
          publishedAt,
          modifiedAt,
          sectionName: article.section.name,
          authors: article.authors.map(({ author }) => ({ name: author.name, url: absoluteUrl(authorPath(author.slug)), jobTitle: author.jobTitle })),
          keywords: article.tags.map((t) => t.tag.name),
          disclosure,
          corrections: article.corrections.map((c) => ({ kind: CORRECTION_KIND_LABEL[c.kind], text: c.text, publishedAt: c.publishedAt })),
        }, policies)}
      />
      <JsonLd
        data={breadcrumbJsonLd([...crumbs.map((c) => ({ name: c.name, url: absoluteUrl(c.href) })), { name: article.headline, url: absoluteUrl(path) }])}
      />
      <Breadcrumb crumbs={crumbs} current={{ name: article.headline, href: path }} />
      {article.campaign && (
        <p className="mt-4 text-sm font-bold uppercase tracking-wide">
          <a href={campaignPath(article.campaign.slug)} className="text-accent hover:underline">
            {article.campaign.name}
          </a>
        </p>
      )}
      {disclosure && (
        <aside aria-label="Disclosure" className="mt-2 border-l-4 border-amber-600 bg-amber-50 px-3 py-2 text-sm text-amber-950">
          <p>
            <strong className="mr-2 uppercase tracking-wide">{disclosure.short}</strong>
            {disclosure.label}
          </p>
          <p className="mt-1">
            This article was produced {disclosure.kind === 'sponsored' ? 'with funding from' : 'in partnership with'} {disclosure.partnerName ?? 'a commercial partner'}. It is
            published under our editorial standards.
          </p>
        </aside>
      )}
      <h1 className="mt-3 font-serif text-3xl font-bold leading-tight sm:text-4xl md:text-5xl">{article.headline}</h1>
      {article.standfirst && <p className="mt-3 text-xl leading-snug text-neutral-700">{article.standfirst}</p>}
      <CorrectionNote corrections={article.corrections} />
      <div className="mt-4 border-y border-neutral-200 py-3 text-sm">
        {article.authors.length > 0 && (
          <p>
            By{' '}
            {article.authors.map(({ author }, i) => (
              <span key={author.id}>
                {i > 0 && (i === article.authors.length - 1 ? ' and ' : '; ')}
                <a href={authorPath(author.slug)} className="font-semibold underline-offset-2 hover:underline">
                  {author.name}
                </a>
                {[author.jobTitle, author.organisation].some(Boolean) && (
                  <span className="text-neutral-700">, {[author.jobTitle, author.organisation].filter(Boolean).join(', ')}</span>
                )}
              </span>
            ))}
          </p>
        )}
        <p className="mt-1 text-neutral-700">
          <span className="font-semibold">Published</span> <time dateTime={publishedAt.toISOString()}>{formatDateTime(publishedAt)}</time>
          {updated && (
            <>
              {' · '}
              <span className="font-semibold">Updated</span> <time dateTime={modifiedAt.toISOString()}>{formatDateTime(modifiedAt)}</time>
            </>
          )}
          {' · '}
          {minutes} min read
        </p>
      </div>
      {hero && (
        <figure className="mt-6">
          <Picture
            src={mediaPath(hero.storageKey)}
            alt={hero.alt}
            width={hero.width}
            height={hero.height}
            sizes="(min-width: 800px) 768px, 100vw"
            preload
            className="h-auto w-full"
          />
          {(hero.caption || hero.credit) && (
            <figcaption className="mt-2 text-sm text-neutral-700">
              {hero.caption}
              {hero.credit && <span className="text-neutral-600">{hero.caption ? ' ' : ''}Photograph: {hero.credit}</span>}
            </figcaption>
          )}
        </figure>
      )}
      <div className="prose prose-lg prose-neutral mt-6 max-w-none font-serif prose-headings:font-sans prose-a:text-brand">
        <ArticleBody body={article.body} />
      </div>
      <CorrectionsFoot corrections={article.corrections} />
      {article.tags.length > 0 && (
        <nav aria-label="Topics" className="no-print mt-8">
          <ul className="flex flex-wrap gap-2 text-sm">
            {article.tags.map(({ tag }) => (
              <li key={tag.id}>
                <a href={tagPath(tag.slug)} className="inline-block rounded-full border border-neutral-300 px-3 py-1 hover:border-brand hover:text-brand">
                  {tag.name}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      )}
      {next && (
        <nav aria-label="Next article" className="no-print mt-10 border-t-2 border-neutral-900 pt-3">
          <p className="text-sm font-bold uppercase tracking-wide text-neutral-700">Next article</p>
          <a href={articlePath(next)} rel="next" className="mt-1 block font-serif text-2xl font-bold hover:underline">
            {next.headline}
          </a>
        </nav>
      )}
      {related.length > 0 && (
        <section aria-labelledby="related-heading" className="no-print mt-10 border-t border-neutral-300 pt-4">
          <h2 id="related-heading" className="mb-4 font-serif text-2xl font-bold">
            Related articles
          </h2>
          <ArticleGrid articles={related} />
        </section>
      )}
      <NewsletterSignup newsletters={newsletters} sectionId={article.section.id} id="newsletters" />
    </article>
  );
}
