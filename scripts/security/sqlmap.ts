/**
 * SQL injection check: sqlmap against the reader routes that take input (search, pagination, feeds,
 * the section/article path segments), on a production server (scripts/serve.mjs, as `npm start` runs it) it starts itself on a fresh
 * database seeded with the demo publication. Only 127.0.0.1 is ever targeted.
 *
 *   npx tsx scripts/security/sqlmap.ts        (SQLMAP_PORT default 3620, SQLMAP_TIME_LIMIT seconds, default 300)
 *
 * Prints "sqlmap: P parameters tried, 0 injectable" and fails when any parameter is injectable, when
 * sqlmap cannot reach the server, or when the time limit cut the run short.
 * A route that does not exist yet answers 404; it stays a valid target (sqlmap must find nothing there).
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { projectRoot } from '../lib/database';
import { httpStatus, printFigure, spawnLogged, waitUntil } from './lib/harness';

const port = Number(process.env.SQLMAP_PORT ?? 3620);
const timeLimitMs = Number(process.env.SQLMAP_TIME_LIMIT ?? 300) * 1000;
const base = `http://127.0.0.1:${port}`;
const log = (line: string) => console.log(`[sqlmap] ${line}`);

/** Targets: query parameters are tested as they are; `*` marks a path segment to inject into. Extend freely. */
export const targets: string[] = [
  '/search?q=vaccine',
  '/page/2*',
  '/life-sciences/page/2*',
  '/technology*',
  '/life-sciences/some-article*',
  '/feed.xml?section=climate',
  '/feeds/life-sciences.xml?page=1',
  '/api/articles?page=1&section=climate',
];

type Result = { target: string; tried: Set<string>; injectable: Set<string>; completed: boolean; reached: boolean };

/** Reads sqlmap's console output: which parameters it tried and which it found injectable. */
export function parseSqlmapOutput(output: string): Omit<Result, 'target'> {
  const tried = new Set<string>();
  const injectable = new Set<string>();
  for (const match of output.matchAll(/(GET|POST|URI|Cookie|User-Agent|Referer|Host|\(custom\) \w+) parameter '([^']+)'/g)) {
    tried.add(`${match[1]} ${match[2]}`);
  }
  for (const match of output.matchAll(/(GET|POST|URI|Cookie|User-Agent|Referer|Host|\(custom\) \w+) parameter '([^']+)' (is|appears to be) '[^']+' injectable/g)) {
    injectable.add(`${match[1]} ${match[2]}`);
  }
  if (/identified the following injection point/.test(output)) injectable.add('(see sqlmap output)');
  const completed = /ending @|all tested parameters do not appear to be injectable|shutting down at/.test(output);
  const reached = !/unable to connect to the target URL|connection refused|page not found \(404\)[\s\S]*?aborting/i.test(output) || tried.size > 0;
  return { tried, injectable, completed, reached };
}

function runSqlmap(url: string, outputDir: string, deadline: number): Promise<string> {
  return new Promise((resolve) => {
    const args = [
      '-u', url,
      '--batch', '--level', '2', '--risk', '1', '--threads', '2', '--timeout', '10', '--time-sec', '2', '--retries', '1',
      '--dbms', 'PostgreSQL', '--disable-coloring', '--flush-session', '--output-dir', outputDir,
      '--ignore-code', '404', '--skip-waf',
    ];
    const child = spawn('sqlmap', args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, HOME: outputDir } });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    const timer = setTimeout(() => {
      output += '\n[masthead] time limit reached: sqlmap stopped\n';
      child.kill('SIGKILL');
    }, Math.max(1000, deadline - Date.now()));
    child.on('error', (error) => {
      clearTimeout(timer);
      resolve(`${output}\n[masthead] could not run sqlmap: ${error.message} (install it: apt-get install -y sqlmap)`);
    });
    child.on('close', () => {
      clearTimeout(timer);
      resolve(output);
    });
  });
}

async function main() {
  const temp = await fs.mkdtemp(path.join(os.tmpdir(), 'masthead-sqlmap-'));
  const serverLog = path.join(temp, 'server.log');
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    AUTH_SECRET: process.env.AUTH_SECRET ?? randomBytes(32).toString('base64url'),
    SITE_URL: base,
  };
  const server = spawnLogged(
    process.execPath,
    ['--import', 'tsx', 'scripts/with-test-database.ts', '--seed', '--', process.execPath, 'scripts/serve.mjs', '-p', String(port), '-H', '127.0.0.1'],
    { env, cwd: projectRoot, logFile: serverLog },
  );
  let serverExited = false;
  server.on('exit', () => (serverExited = true));
  let failed = false;
  try {
    await waitUntil('the production server', async () => {
      if (serverExited) throw new Error(`the server exited; see ${serverLog}`);
      return (await httpStatus(`${base}/`)) === 200;
    }, 240_000, 500);
    const deadline = Date.now() + timeLimitMs;
    const results: Result[] = [];
    const only = process.env.SQLMAP_ONLY; // a substring: run just the matching targets (debugging)
    for (const target of targets.filter((t) => !only || t.includes(only))) {
      const url = `${base}${target}`;
      const started = Date.now();
      const output = await runSqlmap(url, path.join(temp, 'out'), deadline);
      await fs.appendFile(path.join(temp, 'sqlmap.log'), `\n===== ${url}\n${output}`);
      const result = { target, ...parseSqlmapOutput(output) };
      results.push(result);
      log(
        `${target} (HTTP ${await httpStatus(url.replace(/\*/g, ''))}): ${result.tried.size} parameters tried, ${result.injectable.size} injectable` +
          `${result.completed ? '' : ' — DID NOT COMPLETE'} in ${((Date.now() - started) / 1000).toFixed(0)} s`,
      );
    }
    const tried = results.reduce((n, r) => n + r.tried.size, 0);
    const injectable = results.flatMap((r) => [...r.injectable].map((p) => `${r.target}: ${p}`));
    const incomplete = results.filter((r) => !r.completed || !r.reached).map((r) => r.target);
    printFigure(`sqlmap: ${tried} parameters tried, ${injectable.length} injectable`);
    if (injectable.length) log(`INJECTABLE: ${injectable.join('; ')} (full log: ${path.join(temp, 'sqlmap.log')})`);
    if (incomplete.length) log(`Incomplete runs (time limit or unreachable): ${incomplete.join(', ')}; full log: ${path.join(temp, 'sqlmap.log')}`);
    failed = injectable.length > 0 || incomplete.length > 0 || tried === 0;
  } catch (error) {
    failed = true;
    const tail = (await fs.readFile(serverLog, 'utf8').catch(() => '')).split('\n').slice(-30).join('\n');
    console.error(`[sqlmap] FAILED: ${error instanceof Error ? error.message : String(error)}\n${tail}`);
  } finally {
    if (!serverExited) {
      server.kill('SIGTERM');
      await waitUntil('the server to stop', () => serverExited, 60_000).catch(() => server.kill('SIGKILL'));
    }
    if (!failed && !process.env.SQLMAP_KEEP) await fs.rm(temp, { recursive: true, force: true });
    else log(`Kept ${temp} for inspection.`);
  }
  process.exit(failed ? 1 : 0);
}

void main();
