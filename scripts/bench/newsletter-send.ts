/**
 * Choosing the recipients of a newsletter send and queueing it, at 100,000 subscribers (issue #13;
 * Ghost's #18044 is a 21 s count at 100k members behind its Publish button). In a child process with
 * DATABASE_URL, as `npm run worker` runs (tsconfig.worker.json: no react-server condition, since the
 * email is rendered with react-dom/server):
 * - 100,000 confirmed subscribers of one newsletter are inserted (not timed);
 * - the dashboard's subscriber counts (`listNewslettersForManagement`) are timed;
 * - `prepareSend` is timed: it renders the email, inserts one delivery per recipient with one
 *   INSERT … SELECT and queues the 1,000 batch jobs, in one transaction. No email is sent.
 *   tsx --tsconfig tsconfig.worker.json scripts/bench/newsletter-send.ts   (DATABASE_URL set)
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { projectRoot } from '../lib/database';

export const BENCH_SUBSCRIBERS = 100_000;

export type NewsletterBenchResult =
  | { status: 'measured'; subscribers: number; recipients: number; countMs: number; prepareMs: number; batchJobs: number }
  | { status: 'not-measured'; reason: string };

/** Runs the measurement against `databaseUrl` in a child process and returns its figures. */
export async function measureNewsletterSend({ databaseUrl }: { databaseUrl: string }): Promise<NewsletterBenchResult> {
  const tsx = path.join(projectRoot, 'node_modules', 'tsx', 'dist', 'cli.mjs');
  const child = spawn(process.execPath, [tsx, '--tsconfig', 'tsconfig.worker.json', fileURLToPath(import.meta.url)], {
    cwd: projectRoot,
    env: { ...process.env, DATABASE_URL: databaseUrl },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  const line = out.split('\n').find((l) => l.startsWith('RESULT '));
  if (code !== 0 || !line) return { status: 'not-measured', reason: `the child failed (exit ${code}): ${out.slice(-300)}` };
  return JSON.parse(line.slice('RESULT '.length)) as NewsletterBenchResult;
}

/** One line of the report. */
export function describeNewsletterSend(result: NewsletterBenchResult): string {
  const at = `newsletter send at ${BENCH_SUBSCRIBERS.toLocaleString('en-GB')} subscribers`;
  if (result.status === 'not-measured') return `${at}: not measured (${result.reason})`;
  return `${at}: subscriber counts for the dashboard ${result.countMs.toFixed(0)} ms; choosing ${result.recipients.toLocaleString('en-GB')} recipients and queueing ${result.batchJobs.toLocaleString('en-GB')} batch jobs (prepareSend, one transaction) ${(result.prepareMs / 1000).toFixed(2)} s`;
}

async function childMain(): Promise<void> {
  const { getDb } = await import('@/lib/db');
  const { listNewslettersForManagement } = await import('@/lib/newsletters/queries');
  const { prepareSend, BATCH } = await import('@/lib/newsletters/sends');
  const { stopBoss } = await import('@/lib/queue/boss');
  const db = getDb();
  const suffix = Date.now().toString(36);
  const article = await db.article.findFirstOrThrow({ where: { status: 'PUBLISHED' }, select: { id: true } });
  const newsletter = await db.newsletter.create({
    data: { name: `Bench ${suffix}`, slug: `bench-${suffix}`, senderName: 'Bench', senderEmail: 'bench@masthead.example' },
  });
  await db.$executeRaw`
    INSERT INTO "Subscriber" (id, email, "updatedAt", "confirmedAt")
    SELECT 'b' || ${suffix} || '_' || i, 'reader' || i || '-' || ${suffix} || '@bench.example', now(), now() FROM generate_series(1, ${BENCH_SUBSCRIBERS}) i`;
  await db.$executeRaw`
    INSERT INTO "NewsletterSubscription" ("subscriberId", "newsletterId", status, "confirmedAt")
    SELECT 'b' || ${suffix} || '_' || i, ${newsletter.id}, 'ACTIVE', now() FROM generate_series(1, ${BENCH_SUBSCRIBERS}) i`;
  await db.$executeRawUnsafe('ANALYZE "Subscriber", "NewsletterSubscription"');
  const editor = await db.user.findFirstOrThrow({ where: { role: { in: ['EDITOR', 'ADMIN'] } } });

  let started = performance.now();
  await listNewslettersForManagement({ actor: { id: editor.id, name: editor.name, email: editor.email, role: editor.role } });
  const countMs = performance.now() - started;

  const send = await db.newsletterSend.create({
    data: {
      newsletterId: newsletter.id,
      kind: 'ARTICLE',
      articleId: article.id,
      articleIds: [article.id],
      dedupeKey: `article:${article.id}`,
    },
  });
  started = performance.now();
  const recipients = await prepareSend(
    db,
    { sendId: send.id },
    { siteUrl: 'http://localhost:3000', siteName: 'Masthead', secret: 'bench-secret-bench-secret-bench' },
  );
  const prepareMs = performance.now() - started;
  const result: NewsletterBenchResult = {
    status: 'measured',
    subscribers: BENCH_SUBSCRIBERS,
    recipients,
    countMs,
    prepareMs,
    batchJobs: Math.ceil(recipients / BATCH),
  };
  console.log(`RESULT ${JSON.stringify(result)}`);
  await stopBoss();
  await db.$disconnect();
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  childMain().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : String(error));
      process.exit(1);
    },
  );
}
