/**
 * `npm run bench`: builds the production app if needed, seeds a benchmark database in a temporary
 * embedded PostgreSQL (never the user's data/), starts the production server (scripts/serve.mjs, as
 * `npm start`, with CACHE_STATS=1) and measures, at each database size:
 * - the reader pages (front, section, section page 50, article, search, site feed, sitemap, article
 *   sitemap) with wrk (autocannon when wrk is missing) at 50 connections with `Accept-Encoding: gzip`,
 *   each as a % of a baseline measured once in the same run before the first size's pages (a bare Node
 *   http server returning the article's very bytes from memory), against the goal of issue #11;
 * - the server's RSS and its cache's bytes (from its cache-stats) before and after the pages;
 * and at the largest size: renders per purge while 50 connections load the front page and `content`
 * purges arrive through the change feed, publish-to-live on three instances (A under load, B and C
 * beside it) with each instance's renders, the dashboard list's query times, and choosing and queueing
 * a newsletter send to 100,000 subscribers (scripts/bench/newsletter-send.ts).
 * Prints markdown with the 1-minute load average beside each figure, and writes JSON to bench-results/.
 * Stops everything it started, also on Ctrl-C.
 *
 *   npm run bench                                   10,000 and 100,000 articles, 10 s per page
 *   npm run bench -- --articles 1000                one size
 *   npm run bench -- --duration 30s --warmup 5s --connections 50 --port 3500 --verbose
 */
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import pg from 'pg';
import { createPrismaClient } from '@/lib/db';
import { startEmbeddedPostgres } from '../lib/embedded-postgres';
import { createFileStorage } from '@/lib/media/storage';
import { seedDemo } from '../../prisma/seed/demo';
import { migrateDatabase, projectRoot } from '../lib/database';
import { loadAverage, machineInfo, oneMinuteLoad } from '../lib/machine';
import { cleanupAll, cleanupOnSignals, freePort, onCleanup, spawnTracked, startNextServer, stopProcess, waitForHttp, type NextServer } from '../lib/processes';
import { ensureProductionBuild } from '../lib/production-build';
import {
  formatMemory,
  formatPageTable,
  formatPublishToLive,
  formatPurgeRun,
  formatScaleTable,
  type CacheStats,
  type LoadResult,
  type PageRow,
  type PublishResult,
  type PurgeRun,
} from './decide-load-result';
import { measureUrl, pickLoadTool, readCacheStats, type LoadTool } from './load';
import { measureDashboardList, type DashboardResult } from './dashboard';
import { describeNewsletterSend, measureNewsletterSend, type NewsletterBenchResult } from './newsletter-send';
import { measurePublishToLive } from './publish';
import { measurePurgesUnderLoad } from './purges';
import { BENCH_SEARCH_QUERY, seedArticlesUpTo } from './seed-articles';

const log = (line: string) => console.log(`[bench] ${line}`);

type Options = { articles: number[]; durationS: number; warmupS: number; connections: number; port?: number; verbose: boolean };

function seconds(value: string, flag: string): number {
  const match = /^(\d+(?:\.\d+)?)(s|m)?$/.exec(value);
  if (!match) throw new Error(`${flag} takes a duration such as 10s or 1m, not "${value}".`);
  return Number(match[1]) * (match[2] === 'm' ? 60 : 1);
}

function parseOptions(argv: string[]): Options {
  const options: Options = { articles: [10_000, 100_000], durationS: 10, warmupS: 3, connections: 50, verbose: false };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${flag} needs a value.`);
      return v;
    };
    if (flag === '--articles') {
      options.articles = value()
        .split(',')
        .map((n) => Number(n.replace(/_/g, '')));
      if (options.articles.some((n) => !Number.isInteger(n) || n < 100 || n > 1_000_000)) throw new Error('--articles takes whole numbers from 100 to 1,000,000, e.g. 10000 or 10000,100000.');
      options.articles.sort((a, b) => a - b);
    } else if (flag === '--duration') options.durationS = seconds(value(), flag);
    else if (flag === '--warmup') options.warmupS = seconds(value(), flag);
    else if (flag === '--connections') options.connections = Number(value());
    else if (flag === '--port') options.port = Number(value());
    else if (flag === '--verbose') options.verbose = true;
    else throw new Error(`Unknown option ${flag}. Options: --articles N[,M] --duration 10s --warmup 3s --connections 50 --port N --verbose`);
  }
  return options;
}

/** GETs `url` once as a browser would (gzip), without following redirects. */
function probe(url: string, encoding = 'gzip'): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { headers: { 'accept-encoding': encoding } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.setTimeout(30_000, () => req.destroy(new Error(`${url} took longer than 30 s`)));
  });
}

type PageSpec = { page: string; path: string };

/** The pages of issue #11, by URL: the article is the newest demo article in life-sciences. */
async function pagesToMeasure(databaseUrl: string): Promise<PageSpec[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ section: string; slug: string }>(
      `SELECT s.slug AS section, a.slug FROM "Article" a JOIN "Section" s ON s.id = a."sectionId"
       WHERE s.slug = 'life-sciences' AND a.id NOT LIKE 'bench%' AND a.status = 'PUBLISHED' AND a."deletedAt" IS NULL
       ORDER BY a."publishedAt" DESC LIMIT 1`,
    );
    const article = rows[0];
    if (!article) throw new Error('The demo publication has no published life-sciences article to measure.');
    return [
      { page: 'front page', path: '/' },
      { page: 'section', path: '/life-sciences' },
      { page: 'section page 50', path: '/life-sciences/page/50' },
      { page: 'article', path: `/${article.section}/${article.slug}` },
      { page: 'search', path: `/search?q=${encodeURIComponent(BENCH_SEARCH_QUERY)}` },
      { page: 'site feed', path: '/feed.xml' },
      { page: 'sitemap', path: '/sitemap.xml' },
      { page: 'article sitemap', path: '/sitemaps/articles/1' },
    ];
  } finally {
    await client.end();
  }
}

/** Warms up and measures each page that answers 2xx; the others are rows marked missing with their status. */
async function measurePages(baseUrl: string, specs: PageSpec[], options: Options, tool: LoadTool): Promise<PageRow[]> {
  const rows: PageRow[] = [];
  for (const spec of specs) {
    const { status } = await probe(baseUrl + spec.path);
    if (status < 200 || status >= 300) {
      log(`${spec.page}: missing (${spec.path} → ${status})`);
      rows.push({ page: spec.page, path: spec.path, status: 'missing', reason: `HTTP ${status}`, load1: oneMinuteLoad() });
      continue;
    }
    if (options.warmupS > 0) await measureUrl({ url: baseUrl + spec.path, durationS: options.warmupS, connections: options.connections, tool });
    const result = await measureUrl({ url: baseUrl + spec.path, durationS: options.durationS, connections: options.connections, tool });
    log(`${spec.page} ${spec.path}: ${Math.round(result.rps)} req/s, p50 ${result.p50Ms.toFixed(1)} ms, p99 ${result.p99Ms.toFixed(1)} ms (load ${loadAverage()})`);
    rows.push({ page: spec.page, path: spec.path, status: 'measured', result, load1: oneMinuteLoad() });
  }
  return rows;
}

/** Serves the article's bytes from memory with a bare http server and measures it the same way. */
async function measureBaseline(articleUrl: string, temp: string, options: Options, tool: LoadTool): Promise<LoadResult & { bytes: number }> {
  const plain = await probe(articleUrl, 'identity');
  if (plain.status !== 200) throw new Error(`The article ${articleUrl} answered ${plain.status}; the baseline needs its HTML.`);
  const gzipped = gzipSync(plain.body);
  const skip = new Set(['date', 'connection', 'keep-alive', 'transfer-encoding', 'content-length']);
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(plain.headers)) if (!skip.has(name) && typeof value === 'string') headers[name] = value;
  headers['content-encoding'] = 'gzip';
  headers.vary = headers.vary ? `${headers.vary}, Accept-Encoding` : 'Accept-Encoding';
  const bodyFile = path.join(temp, 'baseline.html.gz');
  const specFile = path.join(temp, 'baseline.json');
  await writeFile(bodyFile, gzipped);
  await writeFile(specFile, JSON.stringify({ headers, bodyFile }));
  const port = await freePort();
  const child = spawnTracked('baseline server', process.execPath, [path.join(projectRoot, 'scripts', 'bench', 'baseline-server.mjs'), String(port), specFile], {
    stdio: 'ignore',
  });
  try {
    const url = `http://127.0.0.1:${port}/`;
    await waitForHttp(url, { child, timeoutMs: 10_000 });
    if (options.warmupS > 0) await measureUrl({ url, durationS: options.warmupS, connections: options.connections, tool });
    const result = await measureUrl({ url, durationS: options.durationS, connections: options.connections, tool });
    log(`baseline (same ${gzipped.length} gzip bytes from memory): ${Math.round(result.rps)} req/s, p99 ${result.p99Ms.toFixed(1)} ms`);
    return { ...result, bytes: gzipped.length };
  } finally {
    await stopProcess(child);
  }
}

function describeDashboard(result: DashboardResult, articles: number): string {
  const at = `dashboard article list at ${articles.toLocaleString('en-GB')} articles (server time of listArticlesForDashboard, EDITOR)`;
  if (result.status === 'not-measured') return `${at}: not measured (${result.reason})`;
  return `${at}: ${result.timings.map((t) => `${t.query} ${t.medianMs.toFixed(1)} ms median, ${t.maxMs.toFixed(1)} ms max (${t.rows} rows)`).join('; ')}`;
}

const failure = (error: unknown) => (error instanceof Error ? error.message : String(error));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** How long A's front page is loaded around the publish: a lead-in, then at most the poll's time-out. */
const PUBLISH_LEAD_MS = 1_500;
const PUBLISH_TIMEOUT_MS = 10_000;

type PublishRun = { result: PublishResult; load?: { path: string; connections: number; result: LoadResult; load1: number } };

/**
 * Starts servers B and C beside `a` (same database and media), loads A's front page in the background
 * and measures publish-to-live on all three; stops B and C after.
 */
async function measurePublishOnThreeInstances(a: NextServer, databaseUrl: string, mediaDir: string, options: Options, tool: LoadTool): Promise<PublishRun> {
  const others: NextServer[] = [];
  try {
    for (const name of ['B', 'C']) {
      const server = await startNextServer({ port: await freePort(), databaseUrl, mediaDir, verbose: options.verbose, extraEnv: { CACHE_STATS: '1' } });
      others.push(server);
      log(`Instance ${name} on ${server.url}`);
    }
    const instances = [a, ...others].map((server, i) => ({ instance: 'ABC'[i]!, url: server.url }));
    let load: Promise<LoadResult> | undefined;
    const result = await measurePublishToLive({
      instances,
      databaseUrl,
      sectionSlug: 'life-sciences',
      authSecret: a.authSecret,
      timeoutMs: PUBLISH_TIMEOUT_MS,
      beforePublish: async () => {
        load = measureUrl({ url: `${a.url}/`, durationS: Math.ceil((PUBLISH_LEAD_MS + PUBLISH_TIMEOUT_MS) / 1000), connections: options.connections, tool });
        load.catch(() => {});
        await sleep(PUBLISH_LEAD_MS);
      },
    });
    const loaded = load ? await load : undefined;
    return { result, load: loaded && { path: '/', connections: options.connections, result: loaded, load1: oneMinuteLoad() } };
  } finally {
    for (const server of others) await server.stop();
  }
}

type Level = {
  articles: number;
  seedSeconds: number;
  loadAverage: string;
  rows: PageRow[];
  memory: { before: CacheStats; after: CacheStats };
};

async function main() {
  const options = parseOptions(process.argv.slice(2));
  cleanupOnSignals();
  const machine = machineInfo();
  const startedAt = new Date();
  log(`Machine: ${machine.cpus} CPUs (${machine.cpuModel}), ${machine.memoryGb} GB, Node ${machine.node}; load average at start: ${loadAverage()}`);

  await ensureProductionBuild(log);
  const tool = pickLoadTool();
  log(tool === 'wrk' ? 'Load generator: wrk.' : 'wrk is not installed: falling back to autocannon (slower; it shares Node with nothing else, but figures are not comparable with wrk runs).');

  const temp = await mkdtemp(path.join(os.tmpdir(), 'masthead-bench-'));
  onCleanup('temporary folder', () => rm(temp, { recursive: true, force: true }));
  // Traversable (not listable) by others: as root, PostgreSQL runs as the postgres system user.
  await chmod(temp, 0o711);
  const database = await startEmbeddedPostgres({ dataDir: path.join(temp, 'postgres'), databaseName: 'masthead_bench', log });
  onCleanup('embedded PostgreSQL', () => database.stop());
  await migrateDatabase(database.url);
  const mediaDir = path.join(temp, 'media');
  const db = createPrismaClient(database.url, 2);
  try {
    await seedDemo(db, createFileStorage(mediaDir));
  } finally {
    await db.$disconnect();
  }
  log('Seeded the demo publication.');

  const port = options.port ?? (process.env.BENCH_PORT ? Number(process.env.BENCH_PORT) : await freePort());
  const specs = await pagesToMeasure(database.url);
  const articlePath = specs.find((s) => s.page === 'article')!.path;
  const levels: Level[] = [];
  let baseline: (LoadResult & { bytes: number; load1: number }) | undefined;
  let baselineFailure = 'not run';
  let purgeRun: PurgeRun | undefined;
  let purgeFailure = 'not run';
  let publish: PublishRun = { result: { status: 'not-measured', reason: 'not run' } };
  let dashboard: DashboardResult = { status: 'not-measured', reason: 'not run' };
  let newsletters: NewsletterBenchResult = { status: 'not-measured', reason: 'not run' };
  let newslettersLoad = '';

  for (const [index, articles] of options.articles.entries()) {
    const last = index === options.articles.length - 1;
    const seedStarted = Date.now();
    log(`Seeding up to ${articles.toLocaleString('en-GB')} published articles…`);
    await seedArticlesUpTo(database.url, articles, log);
    const seedSeconds = (Date.now() - seedStarted) / 1000;
    // A fresh server per size, so nothing cached at one size is served at the next.
    const server = await startNextServer({ port, databaseUrl: database.url, mediaDir, verbose: options.verbose, extraEnv: { CACHE_STATS: '1' } });
    log(`Web server (scripts/serve.mjs) on ${server.url} (${articles.toLocaleString('en-GB')} articles; load average ${loadAverage()})`);
    const before = await readCacheStats(server.url);
    // Once, before the first size's pages: every page's % is of this run's baseline.
    if (index === 0) {
      baseline = await measureBaseline(server.url + articlePath, temp, options, tool)
        .then((result) => ({ ...result, load1: oneMinuteLoad() }))
        .catch((error: unknown) => {
          baselineFailure = failure(error);
          log(`baseline: not measured (${baselineFailure})`);
          return undefined;
        });
    }
    const rows = await measurePages(server.url, specs, options, tool);
    const after = await readCacheStats(server.url);
    const memory = { before, after };
    log(formatMemory(before, after));
    if (last) {
      log('Purging `content` 5 times while 50 connections load the front page…');
      purgeRun = await measurePurgesUnderLoad({ baseUrl: server.url, databaseUrl: database.url, path: '/', connections: options.connections, tool }).catch((error: unknown) => {
        purgeFailure = failure(error);
        return undefined;
      });
      if (purgeRun) log(formatPurgeRun(purgeRun));
      log('Publish-to-live on three instances…');
      publish = await measurePublishOnThreeInstances(server, database.url, mediaDir, options, tool).catch(
        (error: unknown): PublishRun => ({ result: { status: 'not-measured', reason: `failed: ${failure(error)}` } }),
      );
    }
    await server.stop();
    if (last) {
      log('Timing the dashboard article list…');
      dashboard = await measureDashboardList({ databaseUrl: database.url });
      newslettersLoad = loadAverage();
      log(`Choosing and queueing a newsletter send at 100,000 subscribers (load average ${newslettersLoad})…`);
      newsletters = await measureNewsletterSend({ databaseUrl: database.url });
    }
    levels.push({ articles, seedSeconds, loadAverage: loadAverage(), rows, memory });
  }

  const out: string[] = [];
  const largest = levels.at(-1)!;
  out.push(`## Masthead benchmark, ${startedAt.toISOString()}`);
  out.push('');
  out.push(
    `${machine.cpus} CPUs (${machine.cpuModel}), Node ${machine.node}; ${tool}, ${options.connections} connections, ${options.durationS} s per page after ${options.warmupS} s warm-up, Accept-Encoding: gzip. Load average (1, 5, 15 min) at the end: ${loadAverage()}.`,
  );
  out.push('');
  out.push(
    baseline
      ? `Baseline, measured once before the pages (bare Node http, the article's ${baseline.bytes.toLocaleString('en-GB')} gzip bytes from memory): ${Math.round(baseline.rps).toLocaleString('en-GB')} req/s, p50 ${baseline.p50Ms.toFixed(2)} ms, p99 ${baseline.p99Ms.toFixed(2)} ms (load ${baseline.load1.toFixed(2)}).`
      : `Baseline: not measured (${baselineFailure}).`,
  );
  for (const level of levels) {
    out.push('');
    out.push(`### ${level.articles.toLocaleString('en-GB')} published articles (load average after: ${level.loadAverage})`);
    out.push('');
    out.push(formatPageTable(level.rows, baseline?.rps));
    out.push('');
    out.push(`Memory: ${formatMemory(level.memory.before, level.memory.after)}.`);
  }
  if (levels.length >= 2) {
    out.push('');
    out.push(`### Scale: ${levels[0]!.articles.toLocaleString('en-GB')} vs ${largest.articles.toLocaleString('en-GB')} articles`);
    out.push('');
    out.push(formatScaleTable(levels[0]!, largest, specs.map((s) => s.page)));
  }
  out.push('');
  out.push(`### At ${largest.articles.toLocaleString('en-GB')} articles: purges and publishing`);
  out.push('');
  out.push(`- ${purgeRun ? formatPurgeRun(purgeRun) : `Renders per purge: not measured (${purgeFailure})`}`);
  out.push(`- ${describeDashboard(dashboard, largest.articles)}`);
  out.push(`- ${describeNewsletterSend(newsletters)} (load average before it: ${newslettersLoad || 'not run'})`);
  out.push('');
  out.push(formatPublishToLive(publish.result, publish.load));
  const report = out.join('\n');
  console.log(`\n${report}\n`);

  const resultsDir = path.join(projectRoot, 'bench-results');
  await mkdir(resultsDir, { recursive: true });
  const file = path.join(resultsDir, `bench-${startedAt.toISOString().replace(/[:.]/g, '-')}.json`);
  await writeFile(
    file,
    JSON.stringify({ startedAt, machine, tool, options, loadAverageAtEnd: loadAverage(), baseline, levels, purges: purgeRun, publish, dashboard, newsletters, report }, null, 2) + '\n',
  );
  log(`Wrote ${path.relative(projectRoot, file)}`);
}

main()
  .then(() => cleanupAll())
  .catch(async (error: unknown) => {
    console.error(`\n[bench] ${failure(error)}`);
    await cleanupAll();
    process.exit(1);
  });
