import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { ArticleView } from '@/components/site/article-view';
import { lastModifiedOf } from '@/lib/articles/corrections';
import { getPublishedArticle } from '@/lib/articles/queries';
import { articlePath, authorPath } from '@/lib/routes';
import { absoluteUrl, pageMetadata } from '@/lib/seo/site';

type Props = { params: Promise<{ section: string; slug: string }> };

/**
 * Rendered when the response cache (scripts/serve.mjs) does not hold the page: its queries mark it with
 * the article's tags, and it stays cached until a change purges one (ADR 0010). Nothing is prerendered
 * at build time, which needs no database.
 */
export const dynamic = 'force-dynamic';

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const article = await getPublishedArticle(await params);
  if (!article) return {};
  const meta = pageMetadata({
    title: article.seoTitle ?? article.headline,
    description: article.seoDescription ?? article.standfirst,
    path: articlePath(article),
    image: article.heroImage,
    type: 'article',
    publishedAt: article.publishedAt,
    modifiedAt: lastModifiedOf({ publishedAt: article.publishedAt ?? article.createdAt, updatedAt: article.updatedAt, corrections: article.corrections }),
    section: article.section.name,
    authors: article.authors.map((a) => absoluteUrl(authorPath(a.author.slug))),
  });
  return article.canonicalUrl ? { ...meta, alternates: { canonical: article.canonicalUrl } } : meta;
}

export default async function ArticlePage({ params }: Props) {
  const { section: sectionSlug, slug } = await params;
  const article = await getPublishedArticle({ section: sectionSlug, slug });
  if (!article) notFound();
  return <ArticleView article={article} />;
}
