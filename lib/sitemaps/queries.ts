import 'server-only';
import { readerQuery } from '@/lib/cache/cached';
import { MODIFIED } from '@/lib/cache/tags';
import { publishedSql } from '@/lib/articles/published';
import { SITEMAP_PAGE_SIZE } from '@/lib/articles/queries';
import { getDb } from '@/lib/db';

/** When each listing page last changed by its articles: the newest publication or edit of an article it shows. */
export type ArticleLastmods = {
  /** The front page: the newest of every published article. */
  site: Date | null;
  /** Section fronts, which also list their subsections' articles. */
  sections: Map<string, Date>;
  authors: Map<string, Date>;
  campaigns: Map<string, Date>;
  tags: Map<string, Date>;
  /** Each page of the article sitemap (1-based, in its order: oldest first). */
  articlePages: Map<number, Date>;
};

type Row = { slug: string; lastmod: Date };
const toMap = (rows: Row[]) => new Map(rows.map((r) => [r.slug, r.lastmod]));

/**
 * The `<lastmod>` of listing pages and sitemap files, from their articles (an article counts from its
 * publication or its last edit, whichever is later). Marked `MODIFIED`, so an edit moves them.
 */
export function getArticleLastmods(): Promise<ArticleLastmods> {
  return readerQuery('sitemap-lastmods', [], [MODIFIED], async () => {
    const db = getDb();
    const now = new Date();
    const published = publishedSql(now);
    const [site, sections, authors, campaigns, tags, pages] = await Promise.all([
      db.$queryRaw<{ lastmod: Date | null }[]>`SELECT MAX(GREATEST(a."publishedAt", a."updatedAt")) AS lastmod FROM "Article" a WHERE ${published}`,
      db.$queryRaw<Row[]>`
        SELECT s."slug", MAX(GREATEST(a."publishedAt", a."updatedAt")) AS lastmod
        FROM "Article" a JOIN "Section" own ON own."id" = a."sectionId"
        JOIN "Section" s ON s."id" = own."id" OR s."id" = own."parentId"
        WHERE ${published} GROUP BY s."slug"`,
      db.$queryRaw<Row[]>`
        SELECT au."slug", MAX(GREATEST(a."publishedAt", a."updatedAt")) AS lastmod
        FROM "Article" a JOIN "ArticleAuthor" aa ON aa."articleId" = a."id" JOIN "Author" au ON au."id" = aa."authorId"
        WHERE ${published} GROUP BY au."slug"`,
      db.$queryRaw<Row[]>`
        SELECT c."slug", MAX(GREATEST(a."publishedAt", a."updatedAt")) AS lastmod
        FROM "Article" a JOIN "Campaign" c ON c."id" = a."campaignId"
        WHERE ${published} GROUP BY c."slug"`,
      db.$queryRaw<Row[]>`
        SELECT t."slug", MAX(GREATEST(a."publishedAt", a."updatedAt")) AS lastmod
        FROM "Article" a JOIN "ArticleTag" at ON at."articleId" = a."id" JOIN "Tag" t ON t."id" = at."tagId"
        WHERE ${published} GROUP BY t."slug"`,
      db.$queryRaw<{ page: number; lastmod: Date }[]>`
        SELECT (n - 1) / ${SITEMAP_PAGE_SIZE} + 1 AS page, MAX(lastmod) AS lastmod
        FROM (SELECT row_number() OVER (ORDER BY a."publishedAt", a."id") AS n, GREATEST(a."publishedAt", a."updatedAt") AS lastmod FROM "Article" a WHERE ${published}) numbered
        GROUP BY 1`,
    ]);
    return {
      site: site[0]?.lastmod ?? null,
      sections: toMap(sections),
      authors: toMap(authors),
      campaigns: toMap(campaigns),
      tags: toMap(tags),
      articlePages: new Map(pages.map((p) => [Number(p.page), p.lastmod])),
    };
  });
}
