import { describe, expect, it } from 'vitest';
import { formatPageTable, formatScaleTable, parseAutocannonOutput, parseWrkOutput, ratioToBaseline, type PageRow } from './decide-load-result';

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

describe('ratioToBaseline', () => {
  it('says how many times slower than the baseline a page is', () => {
    expect(ratioToBaseline(1000, 40000)).toBe('1/40');
    expect(ratioToBaseline(8000, 40000)).toBe('1/5.0');
    expect(ratioToBaseline(0, 40000)).toBe('–');
    expect(ratioToBaseline(100, undefined)).toBe('–');
  });
});

describe('tables', () => {
  const measured = (page: string, rps: number, p99Ms: number): PageRow => ({
    page,
    path: `/${page}`,
    status: 'measured',
    result: { tool: 'wrk', requests: rps * 10, durationS: 10, rps, p50Ms: p99Ms / 4, p99Ms, errors: 0, non2xx: 0 },
  });
  it('prints measured pages with their ratio and missing pages as missing', () => {
    const table = formatPageTable([measured('article', 1000, 80), { page: 'search', path: '/search?q=x', status: 'missing', reason: 'HTTP 404' }], 40000);
    expect(table).toContain('| article | `/article` | 1,000 | 20.0 ms | 80.0 ms | 1/40 | 0 / 0 |');
    expect(table).toContain('| search | `/search?q=x` | missing | – | – | – | HTTP 404 |');
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
    expect(formatPageTable([row], 1000)).toContain('| front page | `/` | 0 (no response in 3 s) | – | – | – | 50 / 0 |');
  });
});
