/**
 * Runs a command against a fresh, migrated database, then removes it:
 *
 *   tsx scripts/with-test-database.ts [--seed] -- vitest run
 *
 * With TEST_DATABASE_SERVER_URL (or DATABASE_URL) set, a uniquely named database is created on that
 * server and dropped afterwards; otherwise an embedded PostgreSQL is started in a temporary folder.
 * The command gets DATABASE_URL and a temporary MEDIA_DIR (with MEDIA_STORAGE=s3 in the environment, --seed
 * writes the demo's images to that bucket instead). Exits with the command's exit code.
 */
import { spawn } from 'node:child_process';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createPrismaClient } from '@/lib/db';
import { startEmbeddedPostgres } from './lib/embedded-postgres';
import { parseMediaEnv } from '@/lib/env';
import { createConfiguredStorage } from '@/lib/media/configured-storage';
import { seedDemo } from '../prisma/seed/demo';
import { createScratchDatabase, migrateDatabase, projectRoot } from './lib/database';

const log = (line: string) => console.log(`[test-db] ${line}`);

async function main() {
  const separator = process.argv.indexOf('--');
  const options = process.argv.slice(2, separator === -1 ? undefined : separator);
  const command = separator === -1 ? [] : process.argv.slice(separator + 1);
  if (command.length === 0) throw new Error('Usage: tsx scripts/with-test-database.ts [--seed] -- <command> [args…]');

  const temp = await mkdtemp(path.join(os.tmpdir(), 'masthead-test-'));
  // Traversable (not listable) by others: run as root, the embedded PostgreSQL runs as the postgres user.
  await chmod(temp, 0o711);
  const cleanups: (() => Promise<unknown>)[] = [() => rm(temp, { recursive: true, force: true })];
  const cleanup = async () => {
    for (const fn of cleanups.reverse()) await fn().catch((error: unknown) => log(`cleanup: ${String(error)}`));
  };

  try {
    const serverUrl = process.env.TEST_DATABASE_SERVER_URL || process.env.DATABASE_URL;
    let url: string;
    if (serverUrl) {
      const scratch = await createScratchDatabase(serverUrl);
      cleanups.push(scratch.drop);
      url = scratch.url;
      log(`Fresh database on ${new URL(serverUrl).host}: ${new URL(url).pathname.slice(1)}`);
    } else {
      const server = await startEmbeddedPostgres({ dataDir: path.join(temp, 'postgres'), databaseName: 'masthead_test', log });
      cleanups.push(() => server.stop());
      url = server.url;
    }
    await migrateDatabase(url);
    const mediaDir = path.join(temp, 'media');
    if (options.includes('--seed')) {
      const db = createPrismaClient(url, 2);
      try {
        await seedDemo(db, createConfiguredStorage(parseMediaEnv({ ...process.env, MEDIA_DIR: mediaDir })));
      } finally {
        await db.$disconnect();
      }
      log('Seeded the demo publication.');
    }

    const child = spawn(command[0]!, command.slice(1), {
      stdio: 'inherit',
      cwd: projectRoot,
      env: { ...process.env, DATABASE_URL: url, MEDIA_DIR: mediaDir, NEXT_TELEMETRY_DISABLED: '1' },
      shell: process.platform === 'win32',
    });
    const forward = (signal: NodeJS.Signals) => child.kill(signal);
    process.on('SIGINT', forward);
    process.on('SIGTERM', forward);
    const code = await new Promise<number>((resolve) => child.on('exit', (c, signal) => resolve(c ?? (signal ? 1 : 0))));
    await cleanup();
    process.exit(code);
  } catch (error) {
    console.error(`[test-db] ${error instanceof Error ? error.message : String(error)}`);
    await cleanup();
    process.exit(1);
  }
}

void main();
