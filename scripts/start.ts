/**
 * `npm start`: builds when there is no production build, starts the database (embedded unless
 * DATABASE_URL is set), applies pending migrations, seeds the demo publication into an empty database,
 * then serves with `next start` on PORT (default 3000). Ctrl-C or SIGTERM stops the server and the
 * embedded PostgreSQL cleanly. `npm run dev` (--dev) does the same with `next dev`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createPrismaClient } from '@/lib/db';
import { ConfigError, parseEnv } from '@/lib/env';
import { createFileStorage } from '@/lib/media/storage';
import { isDatabaseEmpty, seedDemo } from '../prisma/seed/demo';
import { migrateDatabase, openDatabase, projectRoot, type OpenDatabase } from './lib/database';

const dataRoot = path.join(projectRoot, 'data');
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
  log('Generated AUTH_SECRET for this machine in data/auth-secret (set AUTH_SECRET yourself in production).');
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

async function main() {
  const dev = process.argv.includes('--dev');
  // NODE_ENV is read-only in Next's typing of process.env; the children get it through this copy.
  const env: NodeJS.ProcessEnv = Object.assign({ ...process.env }, { NODE_ENV: dev ? 'development' : 'production', NEXT_TELEMETRY_DISABLED: '1' });
  env.AUTH_SECRET ||= await demoAuthSecret();
  env.MEDIA_DIR ||= path.join(dataRoot, 'media');
  const port = env.PORT || '3000';
  env.SITE_URL ||= `http://localhost:${port}`;
  parseEnv(env); // every configuration problem, before anything starts

  if (!dev && !existsSync(path.join(projectRoot, '.next', 'BUILD_ID'))) {
    log('No production build yet: running `next build` (once; `npm run build` rebuilds).');
    const code = await run(process.execPath, [nextBin, 'build'], env);
    if (code !== 0) throw new Error('`next build` failed; see above.');
  }

  let database: OpenDatabase | undefined;
  // Assigned once the database is ready; shutdown() (registered before) reads it.
  // eslint-disable-next-line prefer-const
  let server: ChildProcess | undefined;
  let stopping = false;
  const shutdown = async (code: number) => {
    if (stopping) return;
    stopping = true;
    if (server && server.exitCode === null) {
      log('Stopping the web server…');
      server.kill('SIGTERM');
      await new Promise((resolve) => server!.once('exit', resolve));
    }
    if (database) await database.stop().catch((error: unknown) => log(`Stopping PostgreSQL failed: ${String(error)}`));
    process.exit(code);
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => void shutdown(0));

  try {
    database = await openDatabase({ dataDir: path.join(dataRoot, 'postgres'), log });
    env.DATABASE_URL = database.url;
    log(database.embedded ? 'Using the embedded PostgreSQL in data/postgres.' : 'Using the PostgreSQL server in DATABASE_URL.');
    await migrateDatabase(database.url);

    const db = createPrismaClient(database.url, 2);
    try {
      if (await isDatabaseEmpty(db)) {
        log('Empty database: seeding the demo publication…');
        await seedDemo(db, createFileStorage(path.resolve(env.MEDIA_DIR)));
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

  log(`Serving on ${env.SITE_URL}`);
  server = spawn(process.execPath, [nextBin, dev ? 'dev' : 'start', '-p', port], { stdio: 'inherit', env, cwd: projectRoot });
  server.on('exit', (code) => {
    if (!stopping) {
      log(`The web server exited (code ${code}).`);
      void shutdown(code ?? 1);
    }
  });
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
