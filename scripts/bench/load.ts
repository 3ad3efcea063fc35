/**
 * Puts one URL under load with wrk (or autocannon when wrk is not installed) at a fixed number of
 * connections, sending `Accept-Encoding: gzip` as browsers do; and reads a server's cache counters.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { projectRoot } from '../lib/database';
import { spawnTracked } from '../lib/processes';
import { parseAutocannonOutput, parseWrkOutput, type CacheStats, type LoadResult } from './decide-load-result';

export type LoadTool = 'wrk' | 'autocannon';

/** wrk when it is on the PATH, otherwise autocannon (a devDependency). */
export function pickLoadTool(): LoadTool {
  const found = spawnSync('wrk', ['--version'], { encoding: 'utf8' });
  return found.error ? 'autocannon' : 'wrk';
}

function collect(name: string, command: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawnTracked(name, command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(stdout) : reject(new Error(`${command} exited with ${code}: ${(stderr || stdout).slice(-800)}`))));
  });
}

/** Measures `url` for `durationS` seconds at `connections` connections. */
export async function measureUrl({
  url,
  durationS,
  connections = 50,
  tool,
}: {
  url: string;
  durationS: number;
  connections?: number;
  tool: LoadTool;
}): Promise<LoadResult> {
  if (tool === 'wrk') {
    const stdout = await collect('wrk', 'wrk', [
      '-t2',
      `-c${connections}`,
      `-d${durationS}s`,
      '--timeout',
      '10s',
      '-H',
      'Accept-Encoding: gzip',
      '-s',
      path.join(projectRoot, 'scripts', 'bench', 'wrk-report.lua'),
      url,
    ]);
    return parseWrkOutput(stdout);
  }
  const stdout = await collect('autocannon', process.execPath, [
    path.join(projectRoot, 'node_modules', 'autocannon', 'autocannon.js'),
    '-c',
    String(connections),
    '-d',
    String(durationS),
    '-t',
    '10',
    '-H',
    'accept-encoding=gzip',
    '--json',
    url,
  ]);
  return parseAutocannonOutput(stdout);
}

/** The response cache's counters and the process's RSS of the server at `baseUrl` (started with CACHE_STATS=1). */
export async function readCacheStats(baseUrl: string): Promise<CacheStats> {
  const response = await fetch(`${baseUrl}/__masthead/cache-stats`, { cache: 'no-store', signal: AbortSignal.timeout(10_000) });
  if (!response.ok) throw new Error(`${baseUrl}/__masthead/cache-stats answered ${response.status}: is the server started with CACHE_STATS=1?`);
  const stats = (await response.json()) as Partial<CacheStats>;
  if (typeof stats.renders !== 'number' || typeof stats.rss !== 'number') throw new Error(`${baseUrl}/__masthead/cache-stats has no counters (is the response cache off?): ${JSON.stringify(stats)}`);
  return stats as CacheStats;
}
