/**
 * Publish-to-live: publishes a fresh draft through the dashboard's publish function
 * (`publishArticle` from lib/articles/mutations.ts) and polls the article's URL and its section front
 * until both show it. Until that function exists, it reports "not measured" rather than inventing a
 * figure.
 *
 * Caveat, on purpose visible: the call runs in a child process of the benchmark, not inside the web
 * server. When the publish path's cache invalidation (`revalidateTag`) lives in the server action, it
 * cannot run here, so a page cached by the server would show the change only when its cache expires;
 * the poll then times out and says so. The exact dashboard path (sign in, press Publish) is the
 * measurement to add once the editor has landed — see docs/performance.md.
 *
 * Run as a child: tsx --conditions=react-server scripts/bench/publish.ts <articleId> <actorUserId>
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createPrismaClient } from '@/lib/db';
import { createArticle } from '../../prisma/seed/factories';
import { demoBody } from '../../prisma/seed/demo';
import { seededRandom } from '../../prisma/seed/images';
import { projectRoot } from '../lib/database';

export type PublishResult =
  | { status: 'measured'; articleMs: number; sectionMs: number; liveMs: number }
  | { status: 'not-measured'; reason: string }
  | { status: 'timed-out'; afterMs: number; articleMs?: number; sectionMs?: number };

const mutationsFile = path.join(projectRoot, 'lib', 'articles', 'mutations.ts');

/** True when lib/articles/mutations.ts exports a `publishArticle` function. */
export function publishPathExists(): boolean {
  if (!existsSync(mutationsFile)) return false;
  return /export\s+(async\s+)?(function\s+publishArticle\b|const\s+publishArticle\b)/.test(readFileSync(mutationsFile, 'utf8'));
}

/** Publishes a new draft in `sectionSlug` and measures until the article URL and its section front show it. */
export async function measurePublishToLive({
  baseUrl,
  databaseUrl,
  sectionSlug,
  timeoutMs = 30_000,
}: {
  baseUrl: string;
  databaseUrl: string;
  sectionSlug: string;
  timeoutMs?: number;
}): Promise<PublishResult> {
  if (!publishPathExists()) return { status: 'not-measured', reason: 'no publish path yet (lib/articles/mutations.ts has no publishArticle)' };

  const db = createPrismaClient(databaseUrl, 2);
  let articleId: string;
  let editorId: string;
  let headline: string;
  let slug: string;
  try {
    const section = await db.section.findUniqueOrThrow({ where: { slug: sectionSlug } });
    const editor = await db.user.findFirstOrThrow({ where: { role: 'EDITOR', disabled: false } });
    headline = `Benchmark publish ${Date.now().toString(36)}`;
    const draft = await createArticle(db, {
      headline,
      body: demoBody('publishing speed', section.name, seededRandom(7)),
      status: 'DRAFT',
      sectionId: section.id,
      createdById: editor.id,
    });
    articleId = draft.id;
    editorId = editor.id;
    slug = draft.slug;
  } finally {
    await db.$disconnect();
  }

  const articleUrl = `${baseUrl}/${sectionSlug}/${slug}`;
  const sectionUrl = `${baseUrl}/${sectionSlug}`;
  const tsx = path.join(projectRoot, 'node_modules', 'tsx', 'dist', 'cli.mjs');
  const child = spawn(process.execPath, [tsx, '--conditions=react-server', fileURLToPath(import.meta.url), articleId, editorId], {
    cwd: projectRoot,
    env: { ...process.env, DATABASE_URL: databaseUrl },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  // The child prints "PUBLISHED" the moment publishArticle() resolved; the clock starts just before the call.
  const started = await new Promise<number>((resolve, reject) => {
    let out = '';
    let callStarted = 0;
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (!callStarted && out.includes('CALLING')) callStarted = performance.now();
      if (out.includes('PUBLISHED')) resolve(callStarted || performance.now());
    });
    // After a resolve this reject is a no-op; before one, the child failed or never published.
    child.on('exit', (code) => reject(new Error(`publishArticle did not complete in the child process (exit ${code}): ${out.slice(-500)}`)));
  });

  let articleMs: number | undefined;
  let sectionMs: number | undefined;
  while (performance.now() - started < timeoutMs) {
    const [article, section] = await Promise.all([
      articleMs === undefined ? fetch(articleUrl, { cache: 'no-store' }) : undefined,
      sectionMs === undefined ? fetch(sectionUrl, { cache: 'no-store' }).then(async (r) => (r.ok ? await r.text() : '')) : undefined,
    ]);
    const now = performance.now() - started;
    if (article?.ok) articleMs = now;
    await article?.body?.cancel();
    if (section !== undefined && section.includes(headline)) sectionMs = now;
    if (articleMs !== undefined && sectionMs !== undefined) return { status: 'measured', articleMs, sectionMs, liveMs: Math.max(articleMs, sectionMs) };
    await new Promise((r) => setTimeout(r, 25));
  }
  return { status: 'timed-out', afterMs: timeoutMs, articleMs, sectionMs };
}

async function childMain(articleId: string, actorUserId: string): Promise<void> {
  const db = createPrismaClient(process.env.DATABASE_URL!, 2);
  const user = await db.user.findUniqueOrThrow({ where: { id: actorUserId } });
  await db.$disconnect();
  const mutations = (await import(mutationsFile)) as Record<string, unknown>;
  const publishArticle = mutations.publishArticle;
  if (typeof publishArticle !== 'function') throw new Error('lib/articles/mutations.ts does not export publishArticle');
  const actor = { id: user.id, name: user.name, email: user.email, role: user.role };
  console.log('CALLING');
  await (publishArticle as (input: { articleId: string; actor: typeof actor }) => Promise<unknown>)({ articleId, actor });
  console.log('PUBLISHED');
  process.exit(0);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [articleId, actorUserId] = process.argv.slice(2);
  if (!articleId || !actorUserId) {
    console.error('Usage: tsx --conditions=react-server scripts/bench/publish.ts <articleId> <actorUserId>');
    process.exit(2);
  }
  childMain(articleId, actorUserId).catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  });
}
