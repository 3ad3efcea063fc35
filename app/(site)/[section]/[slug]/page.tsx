import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { ArticleView } from '@/components/site/article-view';
import { getPublishedArticle } from '@/lib/articles/queries';

export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ section: string; slug: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const article = await getPublishedArticle(await params);
  if (!article) return {};
  return {
    title: article.seoTitle ?? article.headline,
    description: article.seoDescription ?? article.standfirst,
    alternates: { canonical: article.canonicalUrl ?? `/${article.section.slug}/${article.slug}` },
  };
}

export default async function ArticlePage({ params }: Props) {
  const article = await getPublishedArticle(await params);
  if (!article) notFound();
  return <ArticleView article={article} />;
}
