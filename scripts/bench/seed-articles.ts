/**
 * Bulk seeding for the benchmark: tops a database that already holds the demo publication up to
 * `total` published articles, fast, in SQL (`INSERT … SELECT … FROM generate_series`, 10,000 rows per
 * statement). Each article gets a realistic body (the demo's ~2.5 KB ProseMirror document for its
 * topic), its plain text and byline (so full-text search has real work to do; the search trigger fills
 * `searchVector` on insert), a hero image from the demo library and one author. Headlines and topics
 * come from the demo content, so a section's articles are about that section.
 */
import pg from 'pg';
import { bodyToPlainText } from '@/lib/articles/body-text';
import { slugify } from '@/lib/text/slug';
import { demoHeadlines, demoSections } from '../../prisma/seed/demo-content';
import { demoBody } from '../../prisma/seed/demo';
import { seededRandom } from '../../prisma/seed/images';

const BATCH = 10_000;
const FRAMES = ['', 'Analysis: ', 'Explainer: ', 'In numbers: ', 'Opinion: ', 'Q&A: '];

/** The search the benchmark runs: a topic that about 1 article in 60 is about. */
export const BENCH_SEARCH_QUERY = 'heat pumps';

/** Number of published articles in the database. */
export async function countPublished(client: pg.Client): Promise<number> {
  const { rows } = await client.query<{ n: string }>(`SELECT count(*) AS n FROM "Article" WHERE status = 'PUBLISHED' AND "deletedAt" IS NULL`);
  return Number(rows[0]!.n);
}

/** Adds published articles until there are `total`; returns how many were added. */
export async function seedArticlesUpTo(url: string, total: number, log: (line: string) => void = console.log): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const existing = await countPublished(client);
    const toAdd = total - existing;
    if (toAdd <= 0) return 0;

    const sections = (await client.query<{ id: string; slug: string; name: string }>(`SELECT id, slug, name FROM "Section"`)).rows;
    const authors = (await client.query<{ id: string; name: string }>(`SELECT id, name FROM "Author" ORDER BY name`)).rows;
    const images = (await client.query<{ id: string }>(`SELECT DISTINCT "heroImageId" AS id FROM "Article" WHERE "heroImageId" IS NOT NULL ORDER BY 1`)).rows;
    if (authors.length === 0 || images.length === 0) throw new Error('Seed the demo publication before adding benchmark articles.');

    // One variant per (frame, demo headline): headline, slug stem, section, body and its text.
    const variants: { headline: string; slug: string; sectionId: string; standfirst: string; body: string; bodyText: string }[] = [];
    for (const [f, frame] of FRAMES.entries()) {
      for (const s of demoSections) {
        const section = sections.find((row) => row.slug === s.slug);
        if (!section) throw new Error(`Section ${s.slug} of the demo is missing.`);
        for (const [k, { headline, topic }] of (demoHeadlines[s.slug] ?? []).entries()) {
          const body = demoBody(topic, s.name, seededRandom(1000 + f * 100 + k));
          variants.push({
            headline: `${frame}${headline}`,
            slug: slugify(`${frame}${headline}`).slice(0, 80),
            sectionId: section.id,
            standfirst: `What is changing in ${topic}, who is driving it, and what it means for the year ahead.`,
            body: JSON.stringify(body),
            bodyText: bodyToPlainText(body),
          });
        }
      }
    }

    const { rows } = await client.query<{ n: string | null }>(`SELECT max(substr(id, 6)::int) AS n FROM "Article" WHERE id LIKE 'bench%'`);
    const first = Number(rows[0]!.n ?? 0) + 1;
    const last = first + toAdd - 1;
    const started = Date.now();
    for (let from = first; from <= last; from += BATCH) {
      const to = Math.min(last, from + BATCH - 1);
      await client.query('BEGIN');
      await client.query(
        `INSERT INTO "Article" (id, headline, slug, standfirst, body, "bodyText", "bylineText", status, "publishedAt",
                                "sectionId", "heroImageId", "createdAt", "updatedAt")
         SELECT 'bench' || lpad(i::text, 9, '0'),
                ($3::text[])[1 + i % $10], ($4::text[])[1 + i % $10] || '-' || i, ($6::text[])[1 + i % $10],
                (($7::text[])[1 + i % $10])::jsonb, ($8::text[])[1 + i % $10],
                ($9::text[])[1 + i % $11], 'PUBLISHED', now() - make_interval(mins => 60 * 50 + i * 7),
                ($5::text[])[1 + i % $10], ($12::text[])[1 + i % $13], now(), now()
         FROM generate_series($1::int, $2::int) AS i`,
        [
          from,
          to,
          variants.map((v) => v.headline),
          variants.map((v) => v.slug),
          variants.map((v) => v.sectionId),
          variants.map((v) => v.standfirst),
          variants.map((v) => v.body),
          variants.map((v) => v.bodyText),
          authors.map((a) => a.name),
          variants.length,
          authors.length,
          images.map((i) => i.id),
          images.length,
        ],
      );
      await client.query(
        `INSERT INTO "ArticleAuthor" ("articleId", "authorId", position)
         SELECT 'bench' || lpad(i::text, 9, '0'), ($3::text[])[1 + i % $4], 0 FROM generate_series($1::int, $2::int) AS i`,
        [from, to, authors.map((a) => a.id), authors.length],
      );
      await client.query('COMMIT');
      log(`  … ${to - first + 1} of ${toAdd} articles added (${Math.round((Date.now() - started) / 1000)} s)`);
    }
    await client.query('ANALYZE');
    return toAdd;
  } finally {
    await client.end();
  }
}
