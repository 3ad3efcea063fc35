import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { ArticleView } from '@/components/site/article-view';
import { requireActor } from '@/lib/auth/session';
import { getArticlePreview } from '@/lib/articles/dashboard-queries';
import { dashboardRoutes } from '@/lib/routes';

export const metadata: Metadata = { title: 'Preview', robots: { index: false, follow: false } };

type Props = { params: Promise<{ id: string }> };

/** The exact reader page for this article, whatever its status, for signed-in users who may see it. */
export default async function PreviewArticlePage({ params }: Props) {
  const actor = await requireActor();
  const { id } = await params;
  const article = await getArticlePreview({ actor, articleId: id });
  if (!article) notFound();
  return (
    <div>
      <p className="mb-4 flex flex-wrap justify-between gap-2 bg-amber-100 px-3 py-2 text-sm text-amber-950" role="note">
        <span>Preview ({article.status.toLowerCase().replace('_', ' ')}): this is how readers will see the article.</span>
        <Link href={dashboardRoutes.article(article.id)} className="underline">
          Back to the editor
        </Link>
      </p>
      <div className="bg-white p-4">
        <ArticleView article={article} />
      </div>
    </div>
  );
}
