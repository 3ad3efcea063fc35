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

/** A page's row: measured, or missing (the URL does not answer 2xx on this build) with the reason. */
export type PageRow = { page: string; path: string } & ({ status: 'measured'; result: LoadResult } | { status: 'missing'; reason: string });

const fmt = (value: number, digits = 0) => value.toLocaleString('en-GB', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const ms = (value: number) => (value >= 100 ? fmt(value) : value >= 10 ? fmt(value, 1) : fmt(value, 2));

/** Ratio of a page's req/s to the baseline's, as "1/N" (how many times slower than serving bytes from memory). */
export function ratioToBaseline(rps: number, baselineRps: number | undefined): string {
  if (!baselineRps || rps <= 0) return '–';
  const ratio = baselineRps / rps;
  return ratio >= 1 ? `1/${fmt(ratio, ratio < 10 ? 1 : 0)}` : `${fmt(1 / ratio, 1)}×`;
}

/** The benchmark's markdown table: page, req/s, p50, p99, ratio to baseline, errors / non-2xx. */
export function formatPageTable(rows: PageRow[], baselineRps?: number): string {
  const lines = ['| Page | Path | req/s | p50 | p99 | vs baseline | errors / non-2xx |', '|---|---|---:|---:|---:|---:|---:|'];
  for (const row of rows) {
    if (row.status === 'missing') {
      lines.push(`| ${row.page} | \`${row.path}\` | missing | – | – | – | ${row.reason} |`);
      continue;
    }
    const r = row.result;
    if (r.requests === 0) {
      lines.push(`| ${row.page} | \`${row.path}\` | 0 (no response in ${fmt(r.durationS)} s) | – | – | – | ${fmt(r.errors)} / ${fmt(r.non2xx)} |`);
      continue;
    }
    lines.push(
      `| ${row.page} | \`${row.path}\` | ${fmt(r.rps)} | ${ms(r.p50Ms)} ms | ${ms(r.p99Ms)} ms | ${ratioToBaseline(r.rps, baselineRps)} | ${fmt(r.errors)} / ${fmt(r.non2xx)} |`,
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
