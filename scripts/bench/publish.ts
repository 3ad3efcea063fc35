/**
 * Publish-to-live: publishes a fresh, complete draft through the dashboard's code path and polls the
 * article's URL and its section front until both show it; the delay is from the call to the moment
 * both answer with it.
 *
 * The dashboard's Publish button runs `transitionArticleAction`, which runs the operation
 * `transitionArticle({ actor, input: { articleId, action: 'publish' } })` (lib/articles/transition-article.ts)
 * and then purges its change's reader pages.
 * Here a child process runs the same operation with an EDITOR actor: `transitionArticle`, whose change
 * record (written in the publish's transaction) reaches the running server through its change feed
 * (PostgreSQL NOTIFY), exactly as a publish on another instance does; the server then purges the
 * change's pages. The only step not taken is the browser's POST of the server action and its session
 * check.
 *
 * Run as a child: tsx --conditions=react-server scripts/bench/publish.ts <articleId> <actorUserId>
 * (with DATABASE_URL of the server under test).
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createPrismaClient } from '@/lib/db';
import { seedArticle } from '../../prisma/seed/factories';
import { demoBody } from '../../prisma/seed/demo';
import { seededRandom } from '../../prisma/seed/images';
import { projectRoot } from '../lib/database';

export type PublishResult =
  | { status: 'measured'; articleMs: number; sectionMs: number; liveMs: number }
  | { status: 'not-measured'; reason: string }
  | { status: 'timed-out'; afterMs: number; articleMs?: number; sectionMs?: number };

/** Publishes a new draft in `sectionSlug` and measures until the article URL and its section front show it. */
export async function measurePublishToLive({
  baseUrl,
  databaseUrl,
  sectionSlug,
  authSecret,
  timeoutMs = 30_000,
}: {
  baseUrl: string;
  databaseUrl: string;
  sectionSlug: string;
  /** The server's AUTH_SECRET, which signs the revalidation request. */
  authSecret: string;
  timeoutMs?: number;
}): Promise<PublishResult> {

  const db = createPrismaClient(databaseUrl, 2);
  let articleId: string;
  let editorId: string;
  let headline: string;
  let slug: string;
  try {
    const section = await db.section.findUniqueOrThrow({ where: { slug: sectionSlug } });
    const editor = await db.user.findFirstOrThrow({ where: { role: 'EDITOR', disabled: false } });
    // The publish checklist wants authors and a hero image: borrow them from the section's newest article.
    const model = await db.article.findFirstOrThrow({
      where: { sectionId: section.id, status: 'PUBLISHED', heroImageId: { not: null }, authors: { some: {} } },
      orderBy: { publishedAt: 'desc' },
      select: { heroImageId: true, authors: { orderBy: { position: 'asc' }, select: { authorId: true } } },
    });
    headline = `Benchmark publish ${Date.now().toString(36)}`;
    const draft = await seedArticle(db, {
      headline,
      body: demoBody('publishing speed', section.name, seededRandom(7)),
      status: 'DRAFT',
      sectionId: section.id,
      createdById: editor.id,
      heroImageId: model.heroImageId,
      authorIds: model.authors.map((a) => a.authorId),
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
    env: { ...process.env, DATABASE_URL: databaseUrl, AUTH_SECRET: authSecret, PORT: new URL(baseUrl).port },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  // The child prints "PUBLISHED" once the publish committed and the server revalidated; the clock starts just before the call.
  const started = await new Promise<number>((resolve, reject) => {
    let out = '';
    let callStarted = 0;
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (!callStarted && out.includes('CALLING')) callStarted = performance.now();
      if (out.includes('PUBLISHED')) resolve(callStarted || performance.now());
    });
    // After a resolve this reject is a no-op; before one, the child failed or never published.
    child.on('exit', (code) => reject(new Error(`the publish did not complete in the child process (exit ${code}): ${out.slice(-500)}`)));
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
  const { getDb } = await import('@/lib/db');
  const { transitionArticle } = await import('@/lib/articles/transition-article');
  const user = await getDb().user.findUniqueOrThrow({ where: { id: actorUserId } });
  if (user.role !== 'EDITOR') throw new Error(`The publish benchmark acts as an EDITOR; ${user.email} is ${user.role}.`);
  const actor = { id: user.id, name: user.name, email: user.email, role: user.role };
  console.log('CALLING');
  // As transitionArticleAction does; the server hears the change record and purges what it changed.
  const done = await transitionArticle({ actor, input: { articleId, action: 'publish' } });
  if (done.result.status !== 'PUBLISHED') throw new Error(`transitionArticle left the article ${done.result.status}, not PUBLISHED.`);
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
