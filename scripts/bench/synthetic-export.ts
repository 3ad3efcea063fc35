/**
 * Writes a large synthetic WordPress (WXR 1.2) or Ghost export, to measure the import at scale:
 *
 *   npx tsx scripts/bench/synthetic-export.ts --from wordpress --posts 100000 /tmp/big.xml
 *   npx tsx scripts/bench/synthetic-export.ts --from ghost --posts 100000 /tmp/big.json
 *   npm run import -- --from wordpress /tmp/big.xml        (then again: everything is skipped)
 *
 * Each post has a body of about 2.5 KB (paragraphs, a subheading, a list, links, a quote), one of 40
 * categories or primary tags, three of 400 tags and one of 50 authors; one in ten is a draft, one in
 * fifty scheduled. No images (downloads would measure the network). Streams to the file, so any size
 * fits in memory; Ghost's posts come first and its users, tags and join tables after, as Ghost writes them.
 */
import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';

export type SyntheticOptions = { posts: number; categories?: number; tags?: number; authors?: number };

const WORDS =
  'harbour council ferry budget storm lighthouse market school bridge festival tide quay vote plan road train weather port mayor river'.split(
    ' ',
  );

/** A deterministic sentence for post `i`, part `j`. */
function sentence(i: number, j: number, words = 14): string {
  const out: string[] = [];
  for (let k = 0; k < words; k++) out.push(WORDS[(i * 7 + j * 13 + k * 3) % WORDS.length]!);
  const s = out.join(' ');
  return `${s[0]!.toUpperCase()}${s.slice(1)}.`;
}

/** About 2.5 KB of HTML in the block editor's shape. */
function bodyOf(i: number): string {
  const p = (j: number) =>
    `<!-- wp:paragraph -->\n<p>${sentence(i, j)} ${sentence(i, j + 1)} <a href="https://example.com/${i}/${j}">${sentence(i, j + 2, 3)}</a> ${sentence(i, j + 3)}</p>\n<!-- /wp:paragraph -->`;
  return [
    p(0),
    p(4),
    `<h2>${sentence(i, 8, 4)}</h2>`,
    p(9),
    `<ul><li>${sentence(i, 13, 6)}</li><li>${sentence(i, 14, 6)}</li></ul>`,
    p(15),
    `<blockquote><p>${sentence(i, 19)}</p></blockquote>`,
    p(20),
  ].join('\n\n');
}

async function write(stream: WriteStream, text: string): Promise<void> {
  if (!stream.write(text)) await once(stream, 'drain');
}

async function finish(stream: WriteStream): Promise<void> {
  stream.end();
  await once(stream, 'finish');
}

const pad = (n: number) => String(n).padStart(2, '0');
/** The date of post i, in WordPress's GMT format: one an hour back from 2024-01-01, or (scheduled) a minute apart from 2031-01-01. */
const dateOf = (i: number, future = false) => {
  const d = new Date(future ? Date.UTC(2031, 0, 1) + i * 60_000 : Date.UTC(2024, 0, 1) - i * 3_600_000);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:00`;
};
/** WordPress post ids start here, so the /?p=<id> addresses of a synthetic export do not meet a real one's. */
const FIRST_ID = 1_000_001;
const statusOf = (i: number) => (i % 50 === 7 ? 'scheduled' : i % 10 === 3 ? 'draft' : 'published');

/** Writes a WordPress export of `posts` posts to `file`. */
export async function writeSyntheticWxr(
  file: string,
  { posts, categories = 40, tags = 400, authors = 50 }: SyntheticOptions,
): Promise<void> {
  const out = createWriteStream(file);
  await write(
    out,
    `<?xml version="1.0" encoding="UTF-8" ?>\n<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">\n<channel>\n<title>Synthetic Gazette</title>\n<link>https://synthetic.example</link>\n<wp:wxr_version>1.2</wp:wxr_version>\n<wp:base_site_url>https://synthetic.example</wp:base_site_url>\n<wp:base_blog_url>https://synthetic.example</wp:base_blog_url>\n`,
  );
  for (let a = 0; a < authors; a++)
    await write(
      out,
      `<wp:author><wp:author_id>${a + 1}</wp:author_id><wp:author_login><![CDATA[author${a}]]></wp:author_login><wp:author_display_name><![CDATA[Author Number ${a}]]></wp:author_display_name></wp:author>\n`,
    );
  for (let c = 0; c < categories; c++)
    await write(
      out,
      `<wp:category><wp:term_id>${c + 1}</wp:term_id><wp:category_nicename><![CDATA[category-${c}]]></wp:category_nicename><wp:cat_name><![CDATA[Category ${c}]]></wp:cat_name></wp:category>\n`,
    );
  for (let t = 0; t < tags; t++)
    await write(
      out,
      `<wp:tag><wp:term_id>${1000 + t}</wp:term_id><wp:tag_slug><![CDATA[tag-${t}]]></wp:tag_slug><wp:tag_name><![CDATA[Tag ${t}]]></wp:tag_name></wp:tag>\n`,
    );
  for (let i = 0; i < posts; i++) {
    const status = { published: 'publish', draft: 'draft', scheduled: 'future' }[statusOf(i)];
    const date = dateOf(i, status === 'future');
    const slug = `post-${i}-${WORDS[i % WORDS.length]}`;
    const c = i % categories;
    const tagIds = [i % tags, (i * 7 + 1) % tags, (i * 13 + 2) % tags];
    await write(
      out,
      `<item><title><![CDATA[${sentence(i, 99, 8)} ${i}]]></title><link>https://synthetic.example/${date.slice(0, 4)}/${date.slice(5, 7)}/${slug}/</link><dc:creator><![CDATA[author${i % authors}]]></dc:creator><content:encoded><![CDATA[${bodyOf(i)}]]></content:encoded><excerpt:encoded><![CDATA[${sentence(i, 50)}]]></excerpt:encoded><wp:post_id>${FIRST_ID + i}</wp:post_id><wp:post_date_gmt><![CDATA[${date}]]></wp:post_date_gmt><wp:post_name><![CDATA[${slug}]]></wp:post_name><wp:status><![CDATA[${status}]]></wp:status><wp:post_type><![CDATA[post]]></wp:post_type><category domain="category" nicename="category-${c}"><![CDATA[Category ${c}]]></category>${tagIds.map((t) => `<category domain="post_tag" nicename="tag-${t}"><![CDATA[Tag ${t}]]></category>`).join('')}</item>\n`,
    );
  }
  await write(out, '</channel>\n</rss>\n');
  await finish(out);
}

/** Writes a Ghost export of `posts` posts to `file`: posts first, then the tables they refer to. */
export async function writeSyntheticGhost(
  file: string,
  { posts, categories = 40, tags = 400, authors = 50 }: SyntheticOptions,
): Promise<void> {
  const out = createWriteStream(file);
  const id = (kind: number, n: number) => `${kind.toString(16)}${n.toString(16).padStart(23, '0')}`;
  const iso = (i: number, future: boolean) => new Date(Date.parse(`${dateOf(i, future).replace(' ', 'T')}Z`)).toISOString();
  await write(out, '{"db":[{"meta":{"exported_on":1709284364000,"version":"5.80.0"},"data":{"posts":[');
  for (let i = 0; i < posts; i++) {
    const status = statusOf(i);
    const post = {
      id: id(1, i),
      uuid: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      title: `${sentence(i, 99, 8)} ${i}`,
      slug: `post-${i}-${WORDS[i % WORDS.length]}`,
      html: bodyOf(i),
      type: 'post',
      status,
      visibility: 'public',
      created_at: iso(i, false),
      updated_at: iso(i, false),
      published_at: status === 'draft' ? null : iso(i, status === 'scheduled'),
      custom_excerpt: sentence(i, 50),
      feature_image: null,
    };
    await write(out, `${i ? ',' : ''}${JSON.stringify(post)}`);
  }
  await write(out, '],"posts_authors":[');
  for (let i = 0; i < posts; i++)
    await write(out, `${i ? ',' : ''}${JSON.stringify({ id: id(2, i), post_id: id(1, i), author_id: id(3, i % authors), sort_order: 0 })}`);
  await write(out, '],"posts_tags":[');
  for (let i = 0; i < posts; i++) {
    const tagIds = [i % categories, categories + (i % (tags - categories)), categories + ((i * 7 + 1) % (tags - categories))];
    await write(
      out,
      `${i ? ',' : ''}${tagIds.map((t, k) => JSON.stringify({ id: id(4, i * 3 + k), post_id: id(1, i), tag_id: id(5, t), sort_order: k })).join(',')}`,
    );
  }
  await write(out, '],"tags":[');
  for (let t = 0; t < tags; t++)
    await write(
      out,
      `${t ? ',' : ''}${JSON.stringify({ id: id(5, t), name: t < categories ? `Topic ${t}` : `Tag ${t}`, slug: t < categories ? `topic-${t}` : `tag-${t}`, visibility: 'public' })}`,
    );
  await write(out, '],"users":[');
  for (let a = 0; a < authors; a++)
    await write(
      out,
      `${a ? ',' : ''}${JSON.stringify({ id: id(3, a), name: `Author Number ${a}`, slug: `author-${a}`, bio: sentence(a, 1), profile_image: null })}`,
    );
  await write(out, ']}}]}\n');
  await finish(out);
}

async function main() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { from: { type: 'string' }, posts: { type: 'string', default: '100000' } },
  });
  const file = positionals[0];
  const posts = Number(values.posts);
  if ((values.from !== 'wordpress' && values.from !== 'ghost') || !file || !Number.isInteger(posts) || posts < 1) {
    throw new Error('Usage: npx tsx scripts/bench/synthetic-export.ts --from wordpress|ghost --posts 100000 <file>');
  }
  const started = Date.now();
  await (values.from === 'wordpress' ? writeSyntheticWxr : writeSyntheticGhost)(file, { posts });
  console.log(`Wrote ${posts.toLocaleString('en')} ${values.from} posts to ${file} in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  });
}
