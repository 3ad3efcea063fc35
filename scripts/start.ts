/**
 * `npm start`: builds when there is no production build, starts the database (embedded unless
 * DATABASE_URL is set), applies pending migrations, seeds the demo publication into an empty database,
 * then serves on PORT (default 3000) with scripts/serve.mjs (Next's request handler, with the build's
 * scripts and style sheets precompressed with brotli). Ctrl-C or SIGTERM stops the server and the
 * embedded PostgreSQL cleanly. `npm run dev` (--dev) does the same with `next dev`.
 *
 * Supervision: when the web server dies unexpectedly it is restarted after 1 s. One that dies before it
 * ever listened is a crash loop (bad build, port taken…): the delay doubles (1, 2, 4, 8 s) and after 5
 * such crashes in a row, or 30 crashes of any kind within 5 minutes, `npm start` gives up and stops. When the embedded PostgreSQL dies, it is
 * started again on the same data folder (PostgreSQL replays its WAL) and asked for the same port; if it
 * had to take another port, the web server is restarted with the new DATABASE_URL.
 * MASTHEAD_DATA_DIR (default ./data) holds the embedded database, media and the demo secret.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parsePostmasterPid } from './lib/decide-embedded-start';
import { startEmbeddedPostgres } from './lib/embedded-postgres';
import { createPrismaClient } from '@/lib/db';
import { ConfigError, parseEnv } from '@/lib/env';
import { createConfiguredStorage, describeMediaStorage } from '@/lib/media/configured-storage';
import { isDatabaseEmpty, seedDemo } from '../prisma/seed/demo';
import { dataRootFolder, migrateDatabase, projectRoot } from './lib/database';
import { canConnect, processAlive } from './lib/processes';

const dataRoot = dataRootFolder();
const log = (line: string) => console.log(`[masthead] ${line}`);

/** The demo's AUTH_SECRET: generated once and kept in data/, so sessions survive restarts. */
async function demoAuthSecret(): Promise<string> {
  const file = path.join(dataRoot, 'auth-secret');
  const existing = await readFile(file, 'utf8').catch(() => '');
  if (existing.trim().length >= 32) return existing.trim();
  const secret = randomBytes(32).toString('base64url');
  await mkdir(dataRoot, { recursive: true });
  await writeFile(file, `${secret}\n`, { mode: 0o600 });
  await chmod(file, 0o600);
  log(`Generated AUTH_SECRET for this machine in ${file} (set AUTH_SECRET yourself in production).`);
  return secret;
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: 'inherit', env, cwd: projectRoot });
    child.on('error', reject);
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

const nextBin = path.join(projectRoot, 'node_modules', 'next', 'dist', 'bin', 'next');
const serveScript = path.join(projectRoot, 'scripts', 'serve.mjs');

type Database = { url: string; embedded: boolean; port?: number; stop(): Promise<void> };

const RESTART_DELAYS_MS = [1_000, 2_000, 4_000, 8_000, 15_000];
const CRASH_WINDOW_MS = 300_000;
const MAX_CRASHES_IN_WINDOW = 30;
const MAX_CRASHES_BEFORE_LISTENING = 5;
const DATABASE_CHECK_MS = 1_000;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function main() {
  const dev = process.argv.includes('--dev');
  // NODE_ENV is read-only in Next's typing of process.env; the children get it through this copy.
  const env: NodeJS.ProcessEnv = Object.assign({ ...process.env }, { NODE_ENV: dev ? 'development' : 'production', NEXT_TELEMETRY_DISABLED: '1' });
  env.AUTH_SECRET ||= await demoAuthSecret();
  env.MEDIA_DIR ||= path.join(dataRoot, 'media');
  const port = env.PORT || '3000';
  // Unset for the demo (embedded database): links name localhost:PORT and sign-in follows the address
  // each browser used (lib/env.ts siteUrlFromRequest). With a database of its own this is a deployment,
  // which must name its public address: it is pinned to localhost as before, and the sign-in page says so.
  env.PORT = port;
  if (!env.SITE_URL && env.DATABASE_URL) {
    env.SITE_URL = `http://localhost:${port}`;
    log(`SITE_URL is unset: using ${env.SITE_URL}. Set it to the public address (https://news.example.com).`);
  }
  const settings = parseEnv(env); // every configuration problem, before anything starts

  if (!dev && !existsSync(path.join(projectRoot, '.next', 'BUILD_ID'))) {
    log('No production build yet: running `next build` (once; `npm run build` rebuilds).');
    const code = await run(process.execPath, [nextBin, 'build'], env);
    if (code !== 0) throw new Error('`next build` failed; see above.');
  }

  const pgDataDir = path.join(dataRoot, 'postgres');
  const openEmbedded = async (preferredPort?: number): Promise<Database> => {
    const server = await startEmbeddedPostgres({ dataDir: pgDataDir, log, ...(preferredPort ? { port: preferredPort } : {}) });
    return { url: server.url, embedded: true, port: server.port, stop: () => server.stop() };
  };

  let database: Database | undefined;
  let server: ChildProcess | undefined;
  let stopping = false;
  let databaseWatch: NodeJS.Timeout | undefined;
  const crashes: number[] = [];

  const stopServer = async () => {
    const current = server;
    if (!current || current.exitCode !== null || current.signalCode !== null) return;
    const exited = new Promise((resolve) => current.once('exit', resolve));
    current.kill('SIGTERM');
    const forced = setTimeout(() => current.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(forced);
  };

  const shutdown = async (code: number) => {
    if (stopping) return;
    stopping = true;
    clearInterval(databaseWatch);
    if (server && server.exitCode === null && server.signalCode === null) log('Stopping the web server…');
    await stopServer();
    if (database) await database.stop().catch((error: unknown) => log(`Stopping PostgreSQL failed: ${String(error)}`));
    process.exit(code);
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => void shutdown(0));

  let crashesBeforeListening = 0;
  const startServer = () => {
    const args = dev ? [nextBin, 'dev', '-p', port] : [serveScript, '-p', port];
    // stdout is piped (and passed on) to see the server's ready line ("Ready in" from next dev, "Ready on"
    // from scripts/serve.mjs), printed once it listens.
    const child = spawn(process.execPath, args, { stdio: ['inherit', 'pipe', 'inherit'], env, cwd: projectRoot });
    server = child;
    let listened = false;
    const markListening = () => {
      if (listened) return;
      listened = true;
      crashesBeforeListening = 0;
      log(`Web server PID ${child.pid} is listening on port ${port}.`);
    };
    log(`Web server started (PID ${child.pid}).`);
    let pending = '';
    child.stdout.on('data', (chunk: Buffer) => {
      process.stdout.write(chunk);
      pending = (pending + chunk.toString()).slice(-4096);
      if (/Ready (in|on) /.test(pending)) markListening();
    });
    // Fallback for a server that prints no ready line: poll the port.
    void (async () => {
      while (!listened && child.exitCode === null && child.signalCode === null) {
        if (await canConnect(Number(port), { timeoutMs: 3_000 })) markListening();
        else await sleep(250);
      }
    })();
    // 'close', not 'exit': it comes after the child's last output was read, so a server killed right
    // after it started listening is never mistaken for one that crashed before listening (a crash loop).
    child.on('close', (code, signal) => {
      if (stopping || server !== child || restartingServer) return;
      void onServerCrash(code, signal, listened);
    });
  };

  let restartingServer = false;
  const onServerCrash = async (code: number | null, signal: NodeJS.Signals | null, listened: boolean) => {
    const now = Date.now();
    crashes.push(now);
    while (crashes.length && crashes[0]! < now - CRASH_WINDOW_MS) crashes.shift();
    if (!listened) crashesBeforeListening += 1;
    log(`The web server exited unexpectedly (${signal ? `signal ${signal}` : `code ${code}`}${listened ? '' : ', before it was listening'}).`);
    if (crashesBeforeListening >= MAX_CRASHES_BEFORE_LISTENING || crashes.length > MAX_CRASHES_IN_WINDOW) {
      log(
        crashesBeforeListening >= MAX_CRASHES_BEFORE_LISTENING
          ? `The web server failed to start ${crashesBeforeListening} times in a row; giving up. See the messages above.`
          : `The web server crashed ${crashes.length} times in ${CRASH_WINDOW_MS / 1000} s; giving up. See the messages above.`,
      );
      await shutdown(1);
      return;
    }
    const delay = RESTART_DELAYS_MS[Math.min(crashesBeforeListening, RESTART_DELAYS_MS.length - 1)]!;
    log(`Restarting the web server in ${delay / 1000} s…`);
    await sleep(delay);
    if (!stopping) startServer();
  };

  /** Restarts the embedded PostgreSQL when its postmaster is gone; restarts the web server if the URL changed. */
  let recovering = false;
  const checkDatabase = async () => {
    if (stopping || recovering || !database?.embedded) return;
    const pidFile = parsePostmasterPid(await readFile(path.join(pgDataDir, 'postmaster.pid'), 'utf8').catch(() => ''));
    if (pidFile && processAlive(pidFile.pid)) return;
    recovering = true;
    try {
      log('PostgreSQL stopped unexpectedly: restarting it on the same data folder (it replays its log)…');
      for (let attempt = 1; !stopping; attempt++) {
        try {
          const previous = database;
          database = await openEmbedded(previous.port);
          if (database.url !== previous.url) {
            log(`PostgreSQL came back on port ${database.port} (was ${previous.port}): restarting the web server with the new DATABASE_URL.`);
            env.DATABASE_URL = database.url;
            restartingServer = true;
            await stopServer();
            restartingServer = false;
            if (!stopping) startServer();
          } else {
            log(`PostgreSQL is back on port ${database.port}.`);
          }
          break;
        } catch (error) {
          const delay = RESTART_DELAYS_MS[Math.min(attempt - 1, RESTART_DELAYS_MS.length - 1)]!;
          log(`Restarting PostgreSQL failed (attempt ${attempt}): ${error instanceof Error ? error.message : String(error)}; trying again in ${delay / 1000} s.`);
          if (attempt >= 10) {
            log('PostgreSQL could not be restarted; stopping.');
            await shutdown(1);
            return;
          }
          await sleep(delay);
        }
      }
    } finally {
      recovering = false;
    }
  };

  try {
    database = process.env.DATABASE_URL
      ? { url: process.env.DATABASE_URL, embedded: false, stop: async () => {} }
      : await openEmbedded();
    env.DATABASE_URL = database.url;
    log(database.embedded ? `Using the embedded PostgreSQL in ${pgDataDir}.` : 'Using the PostgreSQL server in DATABASE_URL.');
    log(`Media: ${describeMediaStorage(settings.media)}.`);
    await migrateDatabase(database.url);

    const db = createPrismaClient(database.url, 2);
    try {
      if (await isDatabaseEmpty(db)) {
        log('Empty database: seeding the demo publication…');
        await seedDemo(db, createConfiguredStorage(settings.media));
        log('Demo content ready. Demo sign-ins are listed in README.md.');
      }
    } finally {
      await db.$disconnect();
    }
  } catch (error) {
    console.error(`\n[masthead] ${error instanceof Error ? error.message : String(error)}`);
    await shutdown(1);
    return;
  }
  if (stopping) return;

  log(env.SITE_URL ? `Serving on ${env.SITE_URL}` : `Serving on ${settings.siteUrl} (SITE_URL is unset: set it to the public address in production)`);
  startServer();
  if (database.embedded) databaseWatch = setInterval(() => void checkDatabase(), DATABASE_CHECK_MS);
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
