import { ArticleCard } from '@/components/site/article-card';
import type { ArticleCard as ArticleCardData } from '@/lib/articles/queries';

/** Teasers in a responsive grid, headings at the given level. */
export function ArticleGrid({ articles, headingLevel = 3 }: { articles: ArticleCardData[]; headingLevel?: 2 | 3 }) {
  return (
    <div className="grid gap-8 sm:grid-cols-2 lg:grid-cols-3">
      {articles.map((a) => (
        <ArticleCard key={a.id} article={a} headingLevel={headingLevel} />
      ))}
    </div>
  );
}
