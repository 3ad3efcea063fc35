/**
 * Publish-to-live on several instances: publishes a fresh, complete draft through the dashboard's code
 * path and polls, on every instance, the article's URL and its section front until both show it; each
 * delay is from the call to the moment that instance answers with it.
 *
 * The dashboard's Publish button runs `transitionArticleAction`, which runs the operation
 * `transitionArticle({ actor, input: { articleId, action: 'publish' } })` (lib/articles/transition-article.ts)
 * and then purges its change's reader pages.
 * Here a child process runs the same operation with an EDITOR actor: `transitionArticle`, whose change
 * record (written in the publish's transaction) reaches every running server through its change feed
 * (PostgreSQL NOTIFY), exactly as a publish on another instance does; each server then purges the
 * change's pages. The only step not taken is the browser's POST of the server action and its session
 * check. Before the call, every instance has the article's URL (a 404) and the section front in its
 * cache, so what is measured is the purge reaching it and one render, not a cold start.
 *
 * Run as a child: tsx --conditions=react-server scripts/bench/publish.ts <articleId> <actorUserId>
 * (with DATABASE_URL of the servers under test); it prints READY, waits for a line on stdin, then
 * prints CALLING, publishes, and prints PUBLISHED.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createPrismaClient } from '@/lib/db';
import { seedArticle } from '../../prisma/seed/factories';
import { demoBody } from '../../prisma/seed/demo';
import { seededRandom } from '../../prisma/seed/images';
import { projectRoot } from '../lib/database';
import { instanceLiveMs, type CacheStats, type InstanceLive, type PublishResult } from './decide-load-result';
import { readCacheStats } from './load';

const POLL_MS = 25;

/** Resolves once `child`'s stdout has printed `word`; rejects when the child exits first. */
function waitForLine(child: ReturnType<typeof spawn>, word: string, output: { text: string }): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    const onData = () => {
      if (output.text.includes(word)) {
        child.stdout?.off('data', onData);
        child.off('exit', onExit);
        resolve(performance.now());
      }
    };
    const onExit = (code: number | null) => reject(new Error(`the publish child exited (${code}) before printing ${word}: ${output.text.slice(-500)}`));
    child.stdout?.on('data', onData);
    child.once('exit', onExit);
    onData();
  });
}

/**
 * Publishes a new draft in `sectionSlug` and measures, on each of `instances`, until its article URL and
 * section front show it (polled every 25 ms, at most `timeoutMs`), with each instance's renders (from its
 * cache-stats) from just before the call until the last instance showed it. `beforePublish` runs once
 * everything is ready, just before the call (to start a load in the background).
 */
export async function measurePublishToLive({
  instances,
  databaseUrl,
  sectionSlug,
  authSecret,
  timeoutMs = 10_000,
  beforePublish,
}: {
  /** The servers to poll, by name ("A") and base URL; the child publishes with the first one's PORT. */
  instances: { instance: string; url: string }[];
  databaseUrl: string;
  sectionSlug: string;
  /** The servers' AUTH_SECRET. */
  authSecret: string;
  timeoutMs?: number;
  beforePublish?: () => Promise<void>;
}): Promise<PublishResult> {
  if (instances.length === 0) return { status: 'not-measured', reason: 'no instance to poll' };
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

  const targets = instances.map(({ instance, url }) => ({ instance, url, articleUrl: `${url}/${sectionSlug}/${slug}`, sectionUrl: `${url}/${sectionSlug}` }));
  // Every instance holds the article's URL (a 404, kept briefly) and the section front before the call.
  for (const t of targets) {
    for (const url of [t.articleUrl, t.sectionUrl]) await (await fetch(url, { cache: 'no-store' })).arrayBuffer();
  }

  const tsx = path.join(projectRoot, 'node_modules', 'tsx', 'dist', 'cli.mjs');
  const child = spawn(process.execPath, [tsx, '--conditions=react-server', fileURLToPath(import.meta.url), articleId, editorId], {
    cwd: projectRoot,
    env: { ...process.env, DATABASE_URL: databaseUrl, AUTH_SECRET: authSecret, PORT: new URL(instances[0]!.url).port },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const output = { text: '' };
  child.stdout?.on('data', (chunk: Buffer) => (output.text += chunk.toString()));
  try {
    await waitForLine(child, 'READY', output);
    await beforePublish?.();
    const before = await Promise.all(targets.map((t) => readCacheStats(t.url)));
    const calling = waitForLine(child, 'CALLING', output);
    const published = waitForLine(child, 'PUBLISHED', output);
    // Awaited below; a child that fails before CALLING rejects both, and `calling` reports it.
    published.catch(() => {});
    child.stdin?.end('GO\n');
    // The clock starts just before the call; nothing can show the article before it commits.
    const started = await calling;
    await published;

    const found: InstanceLive[] = targets.map(({ instance, url }) => ({ instance, url }));
    const everywhere = () => found.every((f) => instanceLiveMs(f) !== undefined);
    while (!everywhere() && performance.now() - started < timeoutMs) {
      await Promise.all(
        targets.map(async (t, i) => {
          const f = found[i]!;
          const [article, section] = await Promise.all([
            f.articleMs === undefined ? fetch(t.articleUrl, { cache: 'no-store' }) : undefined,
            f.sectionMs === undefined ? fetch(t.sectionUrl, { cache: 'no-store' }).then(async (r) => (r.ok ? await r.text() : '')) : undefined,
          ]);
          const now = performance.now() - started;
          if (article?.ok) f.articleMs = now;
          await article?.body?.cancel();
          if (section?.includes(headline)) f.sectionMs = now;
        }),
      );
      if (!everywhere()) await new Promise((r) => setTimeout(r, POLL_MS));
    }
    const after: CacheStats[] = await Promise.all(targets.map((t) => readCacheStats(t.url)));
    for (const [i, f] of found.entries()) f.renders = after[i]!.renders - before[i]!.renders;
    return { status: everywhere() ? 'measured' : 'timed-out', timeoutMs, instances: found };
  } finally {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
  }
}

async function childMain(articleId: string, actorUserId: string): Promise<void> {
  const { getDb } = await import('@/lib/db');
  const { transitionArticle } = await import('@/lib/articles/transition-article');
  const user = await getDb().user.findUniqueOrThrow({ where: { id: actorUserId } });
  if (user.role !== 'EDITOR') throw new Error(`The publish benchmark acts as an EDITOR; ${user.email} is ${user.role}.`);
  const actor = { id: user.id, name: user.name, email: user.email, role: user.role };
  // Loaded and connected: the parent says when to publish (once its load runs).
  console.log('READY');
  await new Promise((resolve) => process.stdin.once('data', resolve));
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
