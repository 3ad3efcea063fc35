/**
 * End-to-end tests of the offline schema engine (scripts/prisma-schema-engine.mjs) driven by the real
 * Prisma CLI through scripts/prisma-cli.mjs, against the PostgreSQL server in TEST_PG_URL.
 * Each run works in fresh, uniquely named databases and a temporary project, and drops them after.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from './lib/processes';

const repoRoot = path.resolve(import.meta.dirname, '..');
const cliScript = path.join(repoRoot, 'scripts', 'prisma-cli.mjs');
// The server of the test run's DATABASE_URL (embedded PostgreSQL 18 under `npm test`, the 15 server in
// CI's second pass), so the shim is proven on both; TEST_PG_URL overrides.
function defaultServerUrl(): string {
  if (!process.env.DATABASE_URL) return 'postgresql://postgres@127.0.0.1:5432/postgres';
  const url = new URL(process.env.DATABASE_URL);
  url.pathname = '/postgres';
  return url.toString();
}
const serverUrl = process.env.TEST_PG_URL ?? defaultServerUrl();

function urlFor(database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

async function query<T extends pg.QueryResultRow = pg.QueryResultRow>(database: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: urlFor(database), connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

async function serverAnswers(): Promise<boolean> {
  try {
    await query(new URL(serverUrl).pathname.slice(1) || 'postgres', 'SELECT 1');
    return true;
  } catch {
    return false;
  }
}

const available = await serverAnswers();
if (!available) {
  console.warn(`[prisma-schema-engine.test] SKIPPED: no PostgreSQL server answers at ${serverUrl} (set TEST_PG_URL).`);
}

const adminDb = new URL(serverUrl).pathname.slice(1) || 'postgres';
const listDatabases = async () => (await query<{ datname: string }>(adminDb, 'SELECT datname FROM pg_database')).map((r) => r.datname);
const shadowDatabases = async () => (await listDatabases()).filter((d) => d.startsWith('prisma_migrate_shadow_db_'));

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** `prisma <args>` through the offline wrapper, in the temporary project, with output captured. */
function prisma(cwd: string, databaseUrl: string, args: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cliScript, ...args], {
      cwd,
      env: { ...process.env, DATABASE_URL: databaseUrl, NO_COLOR: '1', FORCE_COLOR: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });
}

const SCHEMA = `datasource db {
  provider = "postgresql"
}

enum Role {
  ADMIN
  WRITER
}

model User {
  id    Int    @id @default(autoincrement())
  email String @unique
  name  String
  role  Role   @default(WRITER)
  posts Post[]
}

model Post {
  id       Int    @id @default(autoincrement())
  title    String
  authorId Int
  author   User   @relation(fields: [authorId], references: [id])

  @@index([authorId])
}
`;

const CONFIG = `import { defineConfig } from 'prisma/config';

export default defineConfig({
  schema: 'schema.prisma',
  migrations: { path: 'migrations', seed: 'node seed.mjs' },
  datasource: { url: process.env.DATABASE_URL ?? '' },
});
`;

describe.skipIf(!available)('offline Prisma schema engine (wasm + adapter-pg)', () => {
  const suffix = `${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const mainDb = `se_test_main_${suffix}`;
  const deployDb = `se_test_deploy_${suffix}`;
  const missingDb = `se_test_missing_${suffix}`;
  let project: string;
  let shadowsBefore: string[];

  const tables = async (database: string) =>
    (
      await query<{ table_name: string }>(
        database,
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1",
      )
    ).map((r) => r.table_name);
  const migrationDirs = () =>
    fs
      .readdirSync(path.join(project, 'migrations'))
      .filter((d) => /^\d+_/.test(d))
      .sort();

  beforeAll(async () => {
    project = fs.mkdtempSync(path.join(os.tmpdir(), 'prisma-schema-engine-test-'));
    fs.writeFileSync(path.join(project, 'schema.prisma'), SCHEMA);
    fs.writeFileSync(path.join(project, 'prisma.config.ts'), CONFIG);
    fs.writeFileSync(path.join(project, 'seed.mjs'), 'console.log("SEED-RAN");\n');
    // prisma.config.ts imports `prisma/config`: resolve it from the repository's node_modules.
    fs.symlinkSync(path.join(repoRoot, 'node_modules'), path.join(project, 'node_modules'), 'dir');
    await query(adminDb, `CREATE DATABASE "${mainDb}"`);
    await query(adminDb, `CREATE DATABASE "${deployDb}"`);
    shadowsBefore = await shadowDatabases();
  });

  afterAll(async () => {
    for (const db of [mainDb, deployDb, missingDb]) await query(adminDb, `DROP DATABASE IF EXISTS "${db}" WITH (FORCE)`).catch(() => {});
    if (project) fs.rmSync(project, { recursive: true, force: true });
  });

  it('migrate dev --name init writes the migration, creates the tables and leaves no shadow database', async () => {
    const run = await prisma(project, urlFor(mainDb), ['migrate', 'dev', '--name', 'init']);
    expect(run.code, run.stdout + run.stderr).toBe(0);

    const dirs = migrationDirs();
    expect(dirs).toHaveLength(1);
    const [init = ''] = dirs;
    expect(init).toMatch(/_init$/);
    const sql = fs.readFileSync(path.join(project, 'migrations', init, 'migration.sql'), 'utf8');
    expect(sql).toContain(`CREATE TYPE "Role" AS ENUM ('ADMIN', 'WRITER')`);
    expect(sql).toContain('CREATE UNIQUE INDEX "User_email_key"');
    expect(sql).toContain('CREATE INDEX "Post_authorId_idx"');
    expect(sql).toMatch(/"name" TEXT NOT NULL/);
    expect(sql).toContain('FOREIGN KEY ("authorId") REFERENCES "User"("id")');
    expect(fs.existsSync(path.join(project, 'migrations', 'migration_lock.toml'))).toBe(true);

    expect(await tables(mainDb)).toEqual(['Post', 'User', '_prisma_migrations']);
    const applied = await query<{ migration_name: string }>(
      mainDb,
      'SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL',
    );
    expect(applied.map((r) => r.migration_name)).toEqual(dirs);
    expect(await shadowDatabases()).toEqual(shadowsBefore);
  });

  it('replays history into the shadow database, never into the main one', async () => {
    // If the shadow connection fell through to the main database, replaying `init` there would fail
    // ("type "Role" already exists") and resetting the shadow would wipe these rows.
    await query(mainDb, `INSERT INTO "User" (email, name) VALUES ('canary@example.com', 'Canary')`);
    fs.writeFileSync(path.join(project, 'schema.prisma'), SCHEMA.replace('  title    String\n', '  title    String\n  body     String?\n'));

    const run = await prisma(project, urlFor(mainDb), ['migrate', 'dev', '--name', 'add_body']);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(migrationDirs()).toHaveLength(2);
    expect(await query(mainDb, `SELECT email FROM "User"`)).toEqual([{ email: 'canary@example.com' }]);
    const columns = await query<{ column_name: string }>(
      mainDb,
      `SELECT column_name FROM information_schema.columns WHERE table_name = 'Post' AND column_name = 'body'`,
    );
    expect(columns).toHaveLength(1);
    expect(await shadowDatabases()).toEqual(shadowsBefore);
  });

  it('migrate status reports the database up to date', async () => {
    const run = await prisma(project, urlFor(mainDb), ['migrate', 'status']);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toContain('Database schema is up to date');
  });

  it('migrate deploy applies the committed migrations to another fresh database', async () => {
    const run = await prisma(project, urlFor(deployDb), ['migrate', 'deploy']);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toContain('All migrations have been successfully applied');
    expect(await tables(deployDb)).toEqual(['Post', 'User', '_prisma_migrations']);
    const applied = await query<{ n: string }>(deployDb, 'SELECT count(*) AS n FROM _prisma_migrations WHERE finished_at IS NOT NULL');
    expect(Number(applied[0]?.n)).toBe(migrationDirs().length);
  });

  it('migrate dev creates a database that does not exist (no silent exit 0)', async () => {
    expect(await listDatabases()).not.toContain(missingDb);
    const run = await prisma(project, urlFor(missingDb), ['migrate', 'dev', '--name', 'unused']);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toMatch(new RegExp(`database ${missingDb} created`));
    expect(await listDatabases()).toContain(missingDb);
    expect(await tables(missingDb)).toEqual(['Post', 'User', '_prisma_migrations']);
    expect(migrationDirs()).toHaveLength(2); // nothing new to generate
  });

  it('migrate reset --force empties the database and re-applies the migrations', async () => {
    const run = await prisma(project, urlFor(mainDb), ['migrate', 'reset', '--force']);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toContain('Database reset successful');
    expect(await query(mainDb, 'SELECT * FROM "User"')).toEqual([]);
    expect(await tables(mainDb)).toEqual(['Post', 'User', '_prisma_migrations']);
    expect(await shadowDatabases()).toEqual(shadowsBefore);
  });

  it('migrate diff prints the SQL and db seed runs the configured seed', async () => {
    const diff = await prisma(project, urlFor(mainDb), ['migrate', 'diff', '--from-empty', '--to-schema', 'schema.prisma', '--script']);
    expect(diff.code, diff.stdout + diff.stderr).toBe(0);
    expect(diff.stdout).toContain('CREATE TABLE "Post"');

    const noDrift = await prisma(project, urlFor(mainDb), [
      'migrate',
      'diff',
      '--from-migrations',
      'migrations',
      '--to-schema',
      'schema.prisma',
      '--exit-code',
    ]);
    expect(noDrift.code, noDrift.stdout + noDrift.stderr).toBe(0);
    expect(await shadowDatabases()).toEqual(shadowsBefore);

    const seed = await prisma(project, urlFor(mainDb), ['db', 'seed']);
    expect(seed.code, seed.stdout + seed.stderr).toBe(0);
    expect(seed.stdout).toContain('SEED-RAN');
  });

  it('a bad connection fails with a clear, non-blank error', async () => {
    const port = await freePort();
    const url = new URL(urlFor(mainDb));
    url.port = String(port);
    for (const args of [
      ['migrate', 'status'],
      ['migrate', 'dev', '--name', 'x'],
    ]) {
      const run = await prisma(project, url.toString(), args);
      const output = run.stdout + run.stderr;
      expect(run.code, output).not.toBe(0);
      expect(output).toContain('P1001');
      expect(output).toContain(`Can't reach database server at \`${url.hostname}:${port}\``);
      expect(output).not.toMatch(/Error:\s*\n\s*\n/); // no empty error message
    }
  });
});
