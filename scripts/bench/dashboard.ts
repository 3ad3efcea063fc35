/**
 * Server time of the dashboard's article list (`listArticlesForDashboard` from
 * lib/articles/dashboard-queries.ts, the query the list page runs) for an EDITOR: the first page, a
 * page deep in the list reached by keyset cursor, a headline search and a section filter. Each is run
 * `RUNS` times after one warm-up call; the median and the slowest are reported.
 *
 * The query module imports 'server-only', so it runs in a child process with the react-server
 * condition: tsx --conditions=react-server scripts/bench/dashboard.ts (DATABASE_URL in the environment).
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { projectRoot } from '../lib/database';
import { BENCH_SEARCH_QUERY } from './seed-articles';

const RUNS = 15;
const DEEP_PAGE = 40;

export type DashboardTiming = { query: string; medianMs: number; maxMs: number; rows: number };
export type DashboardResult = { status: 'measured'; timings: DashboardTiming[] } | { status: 'not-measured'; reason: string };

/** Runs the dashboard list timings against `databaseUrl` in a react-server child process. */
export async function measureDashboardList({ databaseUrl }: { databaseUrl: string }): Promise<DashboardResult> {
  const tsx = path.join(projectRoot, 'node_modules', 'tsx', 'dist', 'cli.mjs');
  const child = spawn(process.execPath, [tsx, '--conditions=react-server', fileURLToPath(import.meta.url)], {
    cwd: projectRoot,
    env: { ...process.env, DATABASE_URL: databaseUrl },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  const line = out.split('\n').find((l) => l.startsWith('RESULT '));
  if (code !== 0 || !line) return { status: 'not-measured', reason: `the timing child failed (exit ${code}): ${out.slice(-300)}` };
  return { status: 'measured', timings: JSON.parse(line.slice('RESULT '.length)) as DashboardTiming[] };
}

async function childMain(): Promise<void> {
  const { getDb } = await import('@/lib/db');
  const { listArticlesForDashboard } = await import('@/lib/articles/dashboard-queries');
  const db = getDb();
  const user = await db.user.findFirstOrThrow({ where: { role: 'EDITOR', disabled: false } });
  const actor = { id: user.id, name: user.name, email: user.email, role: user.role };
  const section = await db.section.findUniqueOrThrow({ where: { slug: 'life-sciences' } });

  // The cursor of page DEEP_PAGE, found by walking the list once (not timed).
  let cursor: string | undefined;
  for (let page = 1; page < DEEP_PAGE; page++) cursor = (await listArticlesForDashboard({ actor, params: { cursor } })).nextCursor ?? cursor;

  const queries: { query: string; params: Parameters<typeof listArticlesForDashboard>[0]['params'] }[] = [
    { query: 'list, first page (newest updated)', params: {} },
    { query: `list, page ${DEEP_PAGE} (keyset cursor)`, params: { cursor } },
    { query: `headline search "${BENCH_SEARCH_QUERY}"`, params: { q: BENCH_SEARCH_QUERY } },
    { query: 'section filter (life-sciences), published', params: { sectionId: section.id, status: 'PUBLISHED' } },
  ];
  const timings: DashboardTiming[] = [];
  for (const { query, params } of queries) {
    let rows = (await listArticlesForDashboard({ actor, params })).items.length;
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const started = performance.now();
      rows = (await listArticlesForDashboard({ actor, params })).items.length;
      times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);
    timings.push({ query, medianMs: times[Math.floor(times.length / 2)]!, maxMs: times.at(-1)!, rows });
  }
  console.log(`RESULT ${JSON.stringify(timings)}`);
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
