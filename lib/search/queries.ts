import 'server-only';
import { getDb } from '@/lib/db';
import { publishedSql } from '@/lib/articles/published';
import { MARK_END, MARK_START } from '@/lib/search/decide-search';

/** Results per search page. */
export const SEARCH_PAGE_SIZE = 10;

export type SearchHit = {
  id: string;
  headline: string;
  headlineHighlighted: string;
  slug: string;
  sectionSlug: string;
  sectionName: string;
  publishedAt: Date;
  bylineText: string;
  snippet: string;
};

export type SearchResults = { hits: SearchHit[]; total: number; page: number; pageCount: number };

const HEADLINE_OPTIONS = `StartSel=${MARK_START}, StopSel=${MARK_END}, HighlightAll=true`;
const SNIPPET_OPTIONS = `StartSel=${MARK_START}, StopSel=${MARK_END}, MaxWords=35, MinWords=12, MaxFragments=2, FragmentDelimiter=" … "`;

/**
 * Full-text search over published articles with PostgreSQL: `websearch_to_tsquery` on the weighted
 * search vector (headline A, standfirst and byline B, body C, GIN-indexed), ranked by `ts_rank_cd`,
 * with `ts_headline` snippets. The query is parsed with the English configuration (stemmed, like headline,
 * standfirst and body) or the simple one (unstemmed, like author names in the byline), so a name matches
 * as typed, whose matches are wrapped in MARK_START/MARK_END (never HTML).
 */
export async function searchArticles({ query, page }: { query: string; page: number }): Promise<SearchResults> {
  const db = getDb();
  const offset = (page - 1) * SEARCH_PAGE_SIZE;
  const published = publishedSql();
  const [countRows, hits] = await Promise.all([
    db.$queryRaw<{ total: bigint }[]>`
      SELECT count(*) AS total FROM "Article" a
      WHERE ${published} AND a."searchVector" @@ (websearch_to_tsquery('english', ${query}) || websearch_to_tsquery('simple', ${query}))`,
    db.$queryRaw<SearchHit[]>`
      WITH q AS (SELECT websearch_to_tsquery('english', ${query}) || websearch_to_tsquery('simple', ${query}) AS query),
      ranked AS (
        SELECT a."id", a."headline", a."slug", a."publishedAt", a."bylineText", a."standfirst", a."bodyText", a."sectionId",
               ts_rank_cd(a."searchVector", q.query) AS rank
        FROM "Article" a, q
        WHERE ${published} AND a."searchVector" @@ q.query
        ORDER BY rank DESC, a."publishedAt" DESC, a."id" DESC
        LIMIT ${SEARCH_PAGE_SIZE} OFFSET ${offset}
      )
      SELECT r."id", r."headline", r."slug", r."publishedAt", r."bylineText",
             s."slug" AS "sectionSlug", s."name" AS "sectionName",
             ts_headline('english', r."headline", q.query, ${HEADLINE_OPTIONS}) AS "headlineHighlighted",
             ts_headline('english', r."standfirst" || E'\n' || r."bodyText", q.query, ${SNIPPET_OPTIONS}) AS "snippet"
      FROM ranked r JOIN "Section" s ON s."id" = r."sectionId", q
      ORDER BY r.rank DESC, r."publishedAt" DESC, r."id" DESC`,
  ]);
  const total = Number(countRows[0]?.total ?? 0);
  return { hits, total, page, pageCount: Math.max(1, Math.ceil(total / SEARCH_PAGE_SIZE)) };
}
