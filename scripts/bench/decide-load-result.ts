/**
 * Pure parts of the benchmark: turning wrk / autocannon output into one shape, and the markdown tables.
 */

/** One page measured under load. Latencies in milliseconds. */
export type LoadResult = {
  tool: 'wrk' | 'autocannon';
  requests: number;
  durationS: number;
  rps: number;
  p50Ms: number;
  p99Ms: number;
  /** Socket errors and timeouts. */
  errors: number;
  /** Responses that were not 2xx (autocannon), or were ≥ 400 (wrk, which counts 3xx as success). */
  non2xx: number;
};

/** Parses the `WRK_JSON {…}` line printed by wrk-report.lua; throws when wrk printed none. */
export function parseWrkOutput(stdout: string): LoadResult {
  const line = stdout.split('\n').find((l) => l.startsWith('WRK_JSON '));
  if (!line) throw new Error(`wrk printed no result:\n${stdout.slice(-1_000)}`);
  const raw = JSON.parse(line.slice('WRK_JSON '.length)) as Record<string, number>;
  const n = (key: string) => {
    const value = raw[key];
    if (typeof value !== 'number' || !Number.isFinite(value)) throw new Error(`wrk result lacks ${key}: ${line}`);
    return value;
  };
  const durationS = n('duration_us') / 1e6;
  return {
    tool: 'wrk',
    requests: n('requests'),
    durationS,
    rps: durationS > 0 ? n('requests') / durationS : 0,
    p50Ms: n('p50_us') / 1000,
    p99Ms: n('p99_us') / 1000,
    errors: n('connect_errors') + n('read_errors') + n('write_errors') + n('timeouts'),
    non2xx: n('status_errors'),
  };
}

/** Parses `autocannon --json` output (the last JSON line of stdout). */
export function parseAutocannonOutput(stdout: string): LoadResult {
  const line = stdout
    .trim()
    .split('\n')
    .reverse()
    .find((l) => l.trim().startsWith('{'));
  if (!line) throw new Error(`autocannon printed no JSON result:\n${stdout.slice(-1_000)}`);
  const raw = JSON.parse(line) as {
    requests: { total: number; average: number };
    latency: { p50: number; p99: number };
    duration: number;
    errors: number;
    timeouts: number;
    non2xx: number;
  };
  return {
    tool: 'autocannon',
    requests: raw.requests.total,
    durationS: raw.duration,
    rps: raw.duration > 0 ? raw.requests.total / raw.duration : raw.requests.average,
    p50Ms: raw.latency.p50,
    p99Ms: raw.latency.p99,
    errors: raw.errors + raw.timeouts,
    non2xx: raw.non2xx,
  };
}

/** A page's row: measured, or missing (the URL does not answer 2xx on this build) with the reason; `load1` is the 1-minute load average after it. */
export type PageRow = { page: string; path: string; load1?: number } & ({ status: 'measured'; result: LoadResult } | { status: 'missing'; reason: string });

const fmt = (value: number, digits = 0) => value.toLocaleString('en-GB', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const ms = (value: number) => (value >= 100 ? fmt(value) : value >= 10 ? fmt(value, 1) : fmt(value, 2));
const mb = (bytes: number) => fmt(bytes / 2 ** 20, bytes < 10 * 2 ** 20 ? 1 : 0);

/** The goal of every cached reader page (issue #11): at least this share of the bare Node baseline's req/s in the same run, and this p99. */
export const PAGE_GOAL = { minShareOfBaseline: 0.4, maxP99Ms: 25 } as const;

/** A page's req/s as a percentage of the baseline's ("43%"; one decimal below 10%, two below 1%), or "–" without both. */
export function percentOfBaseline(rps: number, baselineRps: number | undefined): string {
  if (!baselineRps || rps <= 0) return '–';
  const percent = (rps / baselineRps) * 100;
  return `${fmt(percent, percent >= 10 ? 0 : percent >= 1 ? 1 : 2)}%`;
}

/**
 * Whether a measured page meets PAGE_GOAL: "✓", or what it misses ("12% < 40%; p99 80.0 ms > 25 ms").
 * A page that answered nothing misses both; without a baseline only the p99 can be judged.
 */
export function pageGoal(result: Pick<LoadResult, 'requests' | 'rps' | 'p99Ms'>, baselineRps: number | undefined): string {
  if (result.requests === 0) return 'no response';
  const missed: string[] = [];
  const minPercent = `${PAGE_GOAL.minShareOfBaseline * 100}%`;
  if (!baselineRps) missed.push('no baseline');
  else if (result.rps / baselineRps < PAGE_GOAL.minShareOfBaseline) {
    // One decimal at least, so 39.6% never reads "40% < 40%".
    const percent = (result.rps / baselineRps) * 100;
    missed.push(`${fmt(percent, percent >= 1 ? 1 : 2)}% < ${minPercent}`);
  }
  if (result.p99Ms > PAGE_GOAL.maxP99Ms) missed.push(`p99 ${ms(result.p99Ms)} ms > ${PAGE_GOAL.maxP99Ms} ms`);
  return missed.length === 0 ? '✓' : missed.join('; ');
}

/**
 * The benchmark's markdown table: page, req/s, p50, p99, % of the bare Node baseline's req/s, the goal
 * (PAGE_GOAL), errors / non-2xx and the 1-minute load average after the page.
 */
export function formatPageTable(rows: PageRow[], baselineRps?: number): string {
  const goal = `goal (≥ ${PAGE_GOAL.minShareOfBaseline * 100}%, p99 ≤ ${PAGE_GOAL.maxP99Ms} ms)`;
  const lines = [`| Page | Path | req/s | p50 | p99 | % of bare Node | ${goal} | errors / non-2xx | load (1 min) |`, '|---|---|---:|---:|---:|---:|---|---:|---:|'];
  for (const row of rows) {
    const load = row.load1 === undefined ? '–' : fmt(row.load1, 2);
    if (row.status === 'missing') {
      lines.push(`| ${row.page} | \`${row.path}\` | missing | – | – | – | – | ${row.reason} | ${load} |`);
      continue;
    }
    const r = row.result;
    const counts = `${fmt(r.errors)} / ${fmt(r.non2xx)}`;
    if (r.requests === 0) {
      lines.push(`| ${row.page} | \`${row.path}\` | 0 (no response in ${fmt(r.durationS)} s) | – | – | – | ${pageGoal(r, baselineRps)} | ${counts} | ${load} |`);
      continue;
    }
    lines.push(
      `| ${row.page} | \`${row.path}\` | ${fmt(r.rps)} | ${ms(r.p50Ms)} ms | ${ms(r.p99Ms)} ms | ${percentOfBaseline(r.rps, baselineRps)} | ${pageGoal(r, baselineRps)} | ${counts} | ${load} |`,
    );
  }
  return lines.join('\n');
}

/** Scale table: the same pages at two database sizes, with the large/small ratio of p99 and req/s. */
export function formatScaleTable(small: { articles: number; rows: PageRow[] }, large: { articles: number; rows: PageRow[] }, pages: string[]): string {
  const lines = [
    `| Page | req/s at ${fmt(small.articles)} | req/s at ${fmt(large.articles)} | p99 at ${fmt(small.articles)} | p99 at ${fmt(large.articles)} | p99 ratio (goal ≤ 1.5) |`,
    '|---|---:|---:|---:|---:|---:|',
  ];
  for (const page of pages) {
    const a = small.rows.find((r) => r.page === page);
    const b = large.rows.find((r) => r.page === page);
    if (a?.status !== 'measured' || b?.status !== 'measured') {
      lines.push(`| ${page} | ${a?.status === 'measured' ? fmt(a.result.rps) : 'missing'} | ${b?.status === 'measured' ? fmt(b.result.rps) : 'missing'} | – | – | – |`);
      continue;
    }
    lines.push(
      `| ${page} | ${fmt(a.result.rps)} | ${fmt(b.result.rps)} | ${ms(a.result.p99Ms)} ms | ${ms(b.result.p99Ms)} ms | ${fmt(b.result.p99Ms / a.result.p99Ms, 2)} |`,
    );
  }
  return lines.join('\n');
}

/** The counters and memory of a server's response cache, as `GET /__masthead/cache-stats` answers (CACHE_STATS=1). */
export type CacheStats = {
  hits: number;
  misses: number;
  coalesced: number;
  renders: number;
  stored: number;
  purges: number;
  purgedPages: number;
  notStored: number;
  pages: number;
  bytes: number;
  maxBytes: number;
  rss: number;
};

/** "server RSS 150 MB before → 231 MB after the pages; cache 4.2 MB of 256 MB bound (37 pages)", and a warning when the cache holds more than its bound. */
export function formatMemory(before: CacheStats, after: CacheStats): string {
  const over = after.bytes > after.maxBytes ? ' — OVER its bound' : '';
  return `server RSS ${mb(before.rss)} MB before → ${mb(after.rss)} MB after the pages; cache ${mb(after.bytes)} MB of ${mb(after.maxBytes)} MB bound (${fmt(after.pages)} pages)${over}`;
}

/** Purges inserted into ChangeEvent while one page was under load, with the server's counters before and after them and the load's result. */
export type PurgeRun = { purges: number; connections: number; path: string; before: CacheStats; after: CacheStats; result: LoadResult; load1?: number };

/**
 * "5 purges while 50 connections loaded /: 6 renders (1.2 per purge), 9,800 req/s, p99 4.10 ms during the
 * purges": with coalescing a purge should cost about one render, not one per connection. Says so when
 * the server saw fewer purges than were sent (its change feed missed some).
 */
export function formatPurgeRun(run: PurgeRun): string {
  const renders = run.after.renders - run.before.renders;
  const seen = run.after.purges - run.before.purges;
  const r = run.result;
  const under = r.requests === 0 ? `no response in ${fmt(r.durationS)} s` : `${fmt(r.rps)} req/s, p99 ${ms(r.p99Ms)} ms during the purges`;
  const missed = seen < run.purges ? ` (the server saw only ${fmt(seen)} of them)` : '';
  const errors = r.errors + r.non2xx > 0 ? `, errors / non-2xx ${fmt(r.errors)} / ${fmt(r.non2xx)}` : '';
  const load = run.load1 === undefined ? '' : ` (load ${fmt(run.load1, 2)})`;
  return `${fmt(run.purges)} purges while ${fmt(run.connections)} connections loaded ${run.path}${missed}: ${fmt(renders)} renders (${fmt(renders / run.purges, 1)} per purge), ${under}${errors}${load}`;
}

/** Publish-to-live goal on every instance (issue #11). */
export const PUBLISH_GOAL_MS = 1_000;

/** When one instance showed the published article: at its URL, and on its section front (ms from the publish call); its renders meanwhile. */
export type InstanceLive = { instance: string; url: string; articleMs?: number; sectionMs?: number; renders?: number };

export type PublishResult =
  | { status: 'measured' | 'timed-out'; timeoutMs: number; instances: InstanceLive[] }
  | { status: 'not-measured'; reason: string };

/** The ms until an instance showed the article at both its URL and its section front, or undefined when it did not. */
export function instanceLiveMs(instance: InstanceLive): number | undefined {
  return instance.articleMs === undefined || instance.sectionMs === undefined ? undefined : Math.max(instance.articleMs, instance.sectionMs);
}

/**
 * Publish-to-live on every instance: a headline with the slowest instance against PUBLISH_GOAL_MS, the
 * load it was measured under, and a table (article URL, section front, live, renders during the publish).
 */
export function formatPublishToLive(result: PublishResult, load?: { path: string; connections: number; result: LoadResult; load1?: number }): string {
  if (result.status === 'not-measured') return `Publish-to-live: not measured (${result.reason})`;
  const names = result.instances.map((i) => i.instance).join(', ');
  const under = load
    ? `, while ${fmt(load.connections)} connections loaded ${result.instances[0]?.instance ?? ''}'s ${load.path} (${load.result.requests === 0 ? 'no response' : `${fmt(load.result.rps)} req/s, p99 ${ms(load.result.p99Ms)} ms`})`
    : '';
  const lives = result.instances.map(instanceLiveMs);
  const late = result.instances.filter((_, i) => lives[i] === undefined || lives[i]! > PUBLISH_GOAL_MS).map((i) => i.instance);
  const worst = lives.every((l) => l !== undefined) ? `max ${fmt(Math.round(Math.max(...lives)))} ms` : `not live everywhere after ${fmt(result.timeoutMs)} ms`;
  const verdict = late.length === 0 ? 'met' : `missed on ${late.join(', ')}`;
  const shown = (value: number | undefined) => (value === undefined ? 'not shown' : `${fmt(Math.round(value))} ms`);
  const loadNote = load?.load1 === undefined ? '' : ` (load ${fmt(load.load1, 2)})`;
  const lines = [
    `Publish-to-live on ${result.instances.length} instances (${names})${under}: ${worst}; goal ≤ ${fmt(PUBLISH_GOAL_MS)} ms on every instance: ${verdict}${loadNote}`,
    '',
    '| Instance | article URL | section front | live | renders during the publish |',
    '|---|---:|---:|---:|---:|',
  ];
  for (const [i, instance] of result.instances.entries()) {
    lines.push(`| ${instance.instance} (${new URL(instance.url).host}) | ${shown(instance.articleMs)} | ${shown(instance.sectionMs)} | ${shown(lives[i])} | ${instance.renders === undefined ? '–' : fmt(instance.renders)} |`);
  }
  return lines.join('\n');
}
