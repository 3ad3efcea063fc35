import { describe, expect, it } from 'vitest';
import {
  formatMemory,
  formatPageTable,
  formatPublishToLive,
  formatPurgeRun,
  formatScaleTable,
  pageGoal,
  parseAutocannonOutput,
  parseWrkOutput,
  percentOfBaseline,
  type CacheStats,
  type LoadResult,
  type PageRow,
} from './decide-load-result';

const wrkStdout = [
  'Running 10s test @ http://127.0.0.1:3500/',
  '  2 threads and 50 connections',
  'WRK_JSON {"requests":12000,"duration_us":10000000,"bytes":1000,"p50_us":4200,"p90_us":9000,"p99_us":35500,"max_us":90000,"connect_errors":0,"read_errors":2,"write_errors":0,"timeouts":1,"status_errors":4}',
].join('\n');

describe('parseWrkOutput', () => {
  it('reads requests per second, percentiles in ms and errors', () => {
    expect(parseWrkOutput(wrkStdout)).toEqual({ tool: 'wrk', requests: 12000, durationS: 10, rps: 1200, p50Ms: 4.2, p99Ms: 35.5, errors: 3, non2xx: 4 });
  });
  it('fails clearly when wrk printed no result', () => {
    expect(() => parseWrkOutput('unable to connect to 127.0.0.1:3500 Connection refused')).toThrow(/wrk printed no result/);
  });
});

describe('parseAutocannonOutput', () => {
  it('reads the JSON summary', () => {
    const json = JSON.stringify({ requests: { total: 500, average: 49 }, latency: { p50: 20, p99: 120 }, duration: 10.02, errors: 1, timeouts: 2, non2xx: 3 });
    const result = parseAutocannonOutput(`some progress\n${json}\n`);
    expect(result).toMatchObject({ tool: 'autocannon', requests: 500, p50Ms: 20, p99Ms: 120, errors: 3, non2xx: 3 });
    expect(result.rps).toBeCloseTo(49.9, 1);
  });
});

describe('percentOfBaseline', () => {
  it("gives a page's req/s as a share of the baseline's in the same run", () => {
    expect(percentOfBaseline(17_200, 40_000)).toBe('43%');
    expect(percentOfBaseline(40_000, 40_000)).toBe('100%');
    expect(percentOfBaseline(2_000, 40_000)).toBe('5.0%');
    expect(percentOfBaseline(51, 45_339)).toBe('0.11%');
    expect(percentOfBaseline(0, 40_000)).toBe('–');
    expect(percentOfBaseline(100, undefined)).toBe('–');
  });
});

describe('pageGoal', () => {
  const at = (rps: number, p99Ms: number) => ({ requests: rps * 10, rps, p99Ms });
  it('is met at 40% of the baseline and p99 25 ms, limits included', () => {
    expect(pageGoal(at(16_000, 25), 40_000)).toBe('✓');
    expect(pageGoal(at(30_000, 3.2), 40_000)).toBe('✓');
  });
  it('names what is missed, with a decimal so a near miss never reads "40% < 40%"', () => {
    expect(pageGoal(at(15_840, 12), 40_000)).toBe('39.6% < 40%');
    expect(pageGoal(at(20_000, 80), 40_000)).toBe('p99 80.0 ms > 25 ms');
    expect(pageGoal(at(51, 2_997), 45_339)).toBe('0.11% < 40%; p99 2,997 ms > 25 ms');
  });
  it('cannot judge the share without a baseline, and a page that answered nothing misses', () => {
    expect(pageGoal(at(20_000, 10), undefined)).toBe('no baseline');
    expect(pageGoal({ requests: 0, rps: 0, p99Ms: 0 }, 40_000)).toBe('no response');
  });
});

describe('tables', () => {
  const measured = (page: string, rps: number, p99Ms: number): PageRow => ({
    page,
    path: `/${page}`,
    status: 'measured',
    result: { tool: 'wrk', requests: rps * 10, durationS: 10, rps, p50Ms: p99Ms / 4, p99Ms, errors: 0, non2xx: 0 },
  });
  it('prints measured pages with their % of bare Node, the goal and the load, and missing pages as missing', () => {
    const table = formatPageTable(
      [
        { ...measured('article', 1000, 80), load1: 1.234 },
        { ...measured('front page', 20_000, 4), load1: 0.9 },
        { page: 'search', path: '/search?q=x', status: 'missing', reason: 'HTTP 404' },
      ],
      40000,
    );
    expect(table).toContain('| Page | Path | req/s | p50 | p99 | % of bare Node | goal (≥ 40%, p99 ≤ 25 ms) | errors / non-2xx | load (1 min) |');
    expect(table).toContain('| article | `/article` | 1,000 | 20.0 ms | 80.0 ms | 2.5% | 2.5% < 40%; p99 80.0 ms > 25 ms | 0 / 0 | 1.23 |');
    expect(table).toContain('| front page | `/front page` | 20,000 | 1.00 ms | 4.00 ms | 50% | ✓ | 0 / 0 | 0.90 |');
    expect(table).toContain('| search | `/search?q=x` | missing | – | – | – | – | HTTP 404 | – |');
  });
  it('compares two database sizes', () => {
    const table = formatScaleTable({ articles: 1000, rows: [measured('article', 1000, 80)] }, { articles: 100000, rows: [measured('article', 900, 100)] }, ['article', 'search']);
    expect(table).toContain('| article | 1,000 | 900 | 80.0 ms | 100 ms | 1.25 |');
    expect(table).toContain('| search | missing | missing |');
  });
});

describe('a page that answered nothing during the run', () => {
  it('says so instead of printing zero latencies', () => {
    const row: PageRow = { page: 'front page', path: '/', status: 'measured', result: { tool: 'wrk', requests: 0, durationS: 3, rps: 0, p50Ms: 0, p99Ms: 0, errors: 50, non2xx: 0 } };
    expect(formatPageTable([row], 1000)).toContain('| front page | `/` | 0 (no response in 3 s) | – | – | – | no response | 50 / 0 | – |');
  });
});

const stats = (over: Partial<CacheStats>): CacheStats => ({
  hits: 0,
  misses: 0,
  coalesced: 0,
  renders: 0,
  stored: 0,
  purges: 0,
  purgedPages: 0,
  notStored: 0,
  pages: 0,
  bytes: 0,
  maxBytes: 256 * 2 ** 20,
  rss: 0,
  ...over,
});
const load = (rps: number, p99Ms: number): LoadResult => ({ tool: 'wrk', requests: rps * 8, durationS: 8, rps, p50Ms: p99Ms / 4, p99Ms, errors: 0, non2xx: 0 });

describe('formatMemory', () => {
  it('prints RSS before and after and the cache against its bound', () => {
    const line = formatMemory(stats({ rss: 150 * 2 ** 20 }), stats({ rss: 231.4 * 2 ** 20, bytes: 4.24 * 2 ** 20, pages: 37 }));
    expect(line).toBe('server RSS 150 MB before → 231 MB after the pages; cache 4.2 MB of 256 MB bound (37 pages)');
  });
  it('says so when the cache holds more than its bound', () => {
    expect(formatMemory(stats({}), stats({ bytes: 300 * 2 ** 20, maxBytes: 256 * 2 ** 20 }))).toMatch(/cache 300 MB of 256 MB bound \(0 pages\) — OVER its bound$/);
  });
});

describe('formatPurgeRun', () => {
  const run = { purges: 5, connections: 50, path: '/', before: stats({ renders: 10, purges: 2 }), after: stats({ renders: 16, purges: 7 }), result: load(9_800, 4.1) };
  it('counts the renders the purges cost, per purge, and the load during them', () => {
    expect(formatPurgeRun({ ...run, load1: 1.5 })).toBe('5 purges while 50 connections loaded /: 6 renders (1.2 per purge), 9,800 req/s, p99 4.10 ms during the purges (load 1.50)');
  });
  it('says when the server saw fewer purges than were sent, and any errors', () => {
    const line = formatPurgeRun({ ...run, after: stats({ renders: 12, purges: 5 }), result: { ...load(9_800, 4.1), errors: 3 } });
    expect(line).toBe('5 purges while 50 connections loaded / (the server saw only 3 of them): 2 renders (0.4 per purge), 9,800 req/s, p99 4.10 ms during the purges, errors / non-2xx 3 / 0');
  });
});

describe('formatPublishToLive', () => {
  const instances = [
    { instance: 'A', url: 'http://127.0.0.1:3500', articleMs: 120.4, sectionMs: 180.6, renders: 4 },
    { instance: 'B', url: 'http://127.0.0.1:3501', articleMs: 90, sectionMs: 95, renders: 2 },
    { instance: 'C', url: 'http://127.0.0.1:3502', articleMs: 1_300, sectionMs: 100, renders: 2 },
  ];
  it('prints each instance, the slowest against the goal and the load it ran under', () => {
    const text = formatPublishToLive({ status: 'measured', timeoutMs: 10_000, instances: instances.slice(0, 2) }, { path: '/', connections: 50, result: load(5_000, 12), load1: 2 });
    expect(text).toContain("Publish-to-live on 2 instances (A, B), while 50 connections loaded A's / (5,000 req/s, p99 12.0 ms): max 181 ms; goal ≤ 1,000 ms on every instance: met (load 2.00)");
    expect(text).toContain('| A (127.0.0.1:3500) | 120 ms | 181 ms | 181 ms | 4 |');
    expect(text).toContain('| B (127.0.0.1:3501) | 90 ms | 95 ms | 95 ms | 2 |');
  });
  it('names the instances that missed the goal or never showed the article', () => {
    const text = formatPublishToLive({ status: 'timed-out', timeoutMs: 10_000, instances: [...instances, { instance: 'D', url: 'http://127.0.0.1:3503', articleMs: 50 }] });
    expect(text).toContain('(A, B, C, D): not live everywhere after 10,000 ms; goal ≤ 1,000 ms on every instance: missed on C, D');
    expect(text).toContain('| D (127.0.0.1:3503) | 50 ms | not shown | not shown | – |');
  });
  it('says why it was not measured', () => {
    expect(formatPublishToLive({ status: 'not-measured', reason: 'failed: boom' })).toBe('Publish-to-live: not measured (failed: boom)');
  });
});
