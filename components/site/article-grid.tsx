import { ArticleCard } from '@/components/site/article-card';
import type { ArticleCard as ArticleCardData } from '@/lib/articles/queries';

/**
 * Teasers in a responsive grid, headings at the given level. `preloadFirst` for a grid at the top of its
 * page, where the first picture is the largest thing a phone shows first (its LCP): loaded eagerly, at
 * high priority, instead of lazily.
 */
export function ArticleGrid({ articles, headingLevel = 3, preloadFirst = false }: { articles: ArticleCardData[]; headingLevel?: 2 | 3; preloadFirst?: boolean }) {
  // The first picture, not the first card's: a first article without one would leave the LCP image lazy.
  const lcp = preloadFirst ? articles.findIndex((a) => a.heroImage) : -1;
  return (
    <div className="grid gap-8 sm:grid-cols-2 lg:grid-cols-3">
      {articles.map((a, i) => (
        <ArticleCard key={a.id} article={a} headingLevel={headingLevel} preload={i === lcp} />
      ))}
    </div>
  );
}
