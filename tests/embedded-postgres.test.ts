/**
 * Integration tests for the zero-setup embedded PostgreSQL: real initdb/pg_ctl,
 * real processes. Each test uses its own temp folder and kills what it started.
 *   npx vitest run tests/embedded-postgres.test.ts
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../scripts/lib/embedded-postgres';
import { parsePostmasterPid } from '../scripts/lib/decide-embedded-start';
import { processAlive } from '../scripts/lib/processes';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const MODULE = path.join(REPO, 'scripts/lib/embedded-postgres.ts');
const IS_ROOT = process.getuid?.() === 0;
const TIMEOUT = 90_000;

const roots: string[] = [];
const children: ChildProcess[] = [];
const usersToDelete: string[] = [];
const handles: EmbeddedPostgres[] = [];

/** A temp folder other users can traverse (root runs PostgreSQL as `postgres`). */
async function tempRoot(): Promise<string> {
  const root = await fs.mkdtemp(path.join(os.tmpdir(), 'masthead-pg-test-'));
  await fs.chmod(root, 0o755);
  roots.push(root);
  return root;
}

async function start(dataDir: string, extra: Partial<Parameters<typeof startEmbeddedPostgres>[0]> = {}) {
  const db = await startEmbeddedPostgres({ dataDir, timeoutMs: 60_000, ...extra });
  handles.push(db);
  return db;
}

async function query<T extends pg.QueryResultRow = Record<string, unknown>>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  client.on('error', () => {});
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

async function postmasterPid(dataDir: string): Promise<number | null> {
  const text = await fs.readFile(path.join(dataDir, 'postmaster.pid'), 'utf8').catch(() => '');
  return parsePostmasterPid(text)?.pid ?? null;
}

async function waitFor(condition: () => boolean | Promise<boolean>, ms = 15_000): Promise<void> {
  const until = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > until) throw new Error('waitFor timed out');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

type ChildInfo = { url: string; port: number; owned: boolean; pid: number };

/**
 * Starts the embedded PostgreSQL in a separate Node process (like `npm start`),
 * which prints its handle as JSON and stays alive; SIGTERM makes it stop() and exit.
 */
async function startInChild(
  root: string,
  dataDir: string,
  asUser?: { uid: number; gid: number },
): Promise<{ child: ChildProcess; info: ChildInfo }> {
  const script = path.join(root, `child-${randomBytes(3).toString('hex')}.mts`);
  await fs.writeFile(
    script,
    `import { startEmbeddedPostgres } from ${JSON.stringify(MODULE)};
const db = await startEmbeddedPostgres({ dataDir: ${JSON.stringify(dataDir)}, timeoutMs: 60000 });
console.log(JSON.stringify({ url: db.url, port: db.port, owned: db.owned, pid: process.pid }));
process.on('SIGTERM', () => db.stop().finally(() => process.exit(0)));
setInterval(() => {}, 1000);
`,
    { mode: 0o644 },
  );
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    cwd: REPO,
    stdio: ['ignore', 'pipe', 'pipe'],
    ...(asUser ? { uid: asUser.uid, gid: asUser.gid, env: { ...process.env, HOME: root } } : {}),
  });
  children.push(child);
  let stdout = '';
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const info = await new Promise<ChildInfo>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const line = stdout.split('\n').find((candidate) => candidate.startsWith('{'));
      if (line) resolve(JSON.parse(line) as ChildInfo);
    });
    child.once('exit', (code) => reject(new Error(`child exited (${code}): ${stderr}`)));
    child.once('error', reject);
  });
  return { child, info };
}

function idOf(name: string): { uid: number; gid: number } {
  const uid = spawnSync('id', ['-u', name], { encoding: 'utf8' });
  const gid = spawnSync('id', ['-g', name], { encoding: 'utf8' });
  if (uid.status !== 0) throw new Error(`no user ${name}`);
  return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

async function pgPasswordFilesInTmp(): Promise<string[]> {
  return (await fs.readdir(os.tmpdir())).filter((name) => name.startsWith('pg-password-'));
}

afterEach(async () => {
  for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  for (const db of handles.splice(0)) await db.stop().catch(() => {});
  for (const root of roots.splice(0)) {
    // Immediate shutdown of any postmaster a test left behind, then remove the folder.
    for (const name of await fs.readdir(root).catch(() => [] as string[])) {
      const pid = await postmasterPid(path.join(root, name));
      if (pid && processAlive(pid)) {
        process.kill(pid, 'SIGQUIT');
        await waitFor(() => !processAlive(pid)).catch(() => process.kill(pid, 'SIGKILL'));
      }
    }
    await fs.rm(root, { recursive: true, force: true });
  }
  for (const name of usersToDelete.splice(0)) {
    spawnSync('userdel', [name]);
    spawnSync('groupdel', [name]);
  }
});

describe('embedded PostgreSQL', () => {
  it(
    'initialises, keeps data across stop/start, listens on loopback TCP only with a 0600 password file',
    async () => {
      const dataDir = path.join(await tempRoot(), 'postgres');
      const passwordFilesBefore = await pgPasswordFilesInTmp();

      let t = Date.now();
      const first = await start(dataDir);
      console.log(`first start (initdb + start + create database): ${Date.now() - t} ms`);
      expect(first.url).toMatch(/^postgresql:\/\/postgres:[0-9a-f]{48}@127\.0\.0\.1:\d+\/masthead$/);
      expect(first.owned).toBe(true);
      await query(first.url, 'CREATE TABLE note (body text); INSERT INTO note VALUES ($$kept$$)');

      const lock = parsePostmasterPid(await fs.readFile(path.join(dataDir, 'postmaster.pid'), 'utf8'))!;
      expect(lock.listenAddress).toBe('127.0.0.1');
      expect(lock.socketDir).toBe(''); // no Unix socket
      const hba = await fs.readFile(path.join(dataDir, 'pg_hba.conf'), 'utf8');
      expect(hba).not.toMatch(/trust|^local/m);
      const password = await fs.stat(path.join(dataDir, 'masthead-password'));
      expect(password.mode & 0o777).toBe(0o600);
      if (IS_ROOT) expect((await fs.stat(dataDir)).uid).toBe(idOf('postgres').uid);
      await expect(query(first.url.replace(/:[0-9a-f]{48}@/, ':wrong@'), 'SELECT 1')).rejects.toThrow(/password authentication failed/);

      t = Date.now();
      await first.stop();
      console.log(`stop (fast): ${Date.now() - t} ms`);
      expect(await postmasterPid(dataDir)).toBeNull();
      await first.stop(); // idempotent

      t = Date.now();
      const second = await start(dataDir);
      console.log(`second start (existing data): ${Date.now() - t} ms`);
      expect(await query(second.url, 'SELECT body FROM note')).toEqual([{ body: 'kept' }]);
      await second.stop();

      expect(await pgPasswordFilesInTmp()).toEqual(passwordFilesBefore);
      expect((await fs.readdir(path.dirname(dataDir))).filter((name) => name.includes('.initdb-'))).toEqual([]);
    },
    TIMEOUT,
  );

  it(
    'a second process on a running folder shares the server and its stop() leaves it running',
    async () => {
      const root = await tempRoot();
      const dataDir = path.join(root, 'postgres');
      const { child, info } = await startInChild(root, dataDir);
      expect(info.owned).toBe(true);

      const shared = await start(dataDir);
      expect(shared.owned).toBe(false);
      expect(shared.port).toBe(info.port);
      await query(shared.url, 'CREATE TABLE t (x int)');
      await shared.stop();
      expect(await query(info.url, 'SELECT count(*)::int AS n FROM t')).toEqual([{ n: 0 }]);

      // The owner's stop() (SIGTERM -> stop) shuts it down cleanly.
      const pid = (await postmasterPid(dataDir))!;
      child.kill('SIGTERM');
      await waitFor(() => !processAlive(pid));
      expect(await postmasterPid(dataDir)).toBeNull();
    },
    TIMEOUT,
  );

  it(
    'two processes starting the same fresh folder at once end up on one server',
    async () => {
      const root = await tempRoot();
      const dataDir = path.join(root, 'postgres');
      const [a, b] = await Promise.all([startInChild(root, dataDir), startInChild(root, dataDir)]);
      expect(a.info.port).toBe(b.info.port);
      expect([a.info.owned, b.info.owned].sort()).toEqual([false, true]);
      expect(await query(a.info.url, 'SELECT 1 AS one')).toEqual([{ one: 1 }]);
      expect((await fs.readdir(root)).filter((name) => name.includes('.initdb-'))).toEqual([]);
    },
    TIMEOUT,
  );

  it(
    'adopts a postmaster orphaned by kill -9 of the Node process that started it',
    async () => {
      const root = await tempRoot();
      const dataDir = path.join(root, 'postgres');
      const { child, info } = await startInChild(root, dataDir);
      await query(info.url, 'CREATE TABLE t (x int); INSERT INTO t VALUES (7)');
      const pid = (await postmasterPid(dataDir))!;
      child.kill('SIGKILL');
      await waitFor(() => child.exitCode !== null || child.signalCode !== null);
      expect(processAlive(pid)).toBe(true); // orphaned, postmaster.pid present

      const t = Date.now();
      const adopted = await start(dataDir);
      console.log(`start reusing an orphaned postmaster: ${Date.now() - t} ms`);
      expect(adopted.owned).toBe(true);
      expect(adopted.port).toBe(info.port);
      expect(await query(adopted.url, 'SELECT x FROM t')).toEqual([{ x: 7 }]);
      await adopted.stop();
      expect(processAlive(pid)).toBe(false);
    },
    TIMEOUT,
  );

  it(
    'recovers from a crash of PostgreSQL itself (kill -9 of the postmaster) with data intact',
    async () => {
      const dataDir = path.join(await tempRoot(), 'postgres');
      const db = await start(dataDir);
      await query(db.url, 'CREATE TABLE t (x int); INSERT INTO t SELECT generate_series(1, 1000)');
      const pid = (await postmasterPid(dataDir))!;
      process.kill(pid, 'SIGKILL');
      await waitFor(() => !processAlive(pid));
      expect(await postmasterPid(dataDir)).toBe(pid); // stale lock file left behind

      const t = Date.now();
      const again = await start(dataDir);
      console.log(`start after postmaster crash (WAL recovery): ${Date.now() - t} ms`);
      expect(again.owned).toBe(true);
      expect(await query(again.url, 'SELECT count(*)::int AS n FROM t')).toEqual([{ n: 1000 }]);
      const serverLog = await fs.readFile(path.join(dataDir, 'masthead-postgres.log'), 'utf8');
      expect(serverLog).toMatch(/not properly shut down; automatic recovery in progress/);
      await again.stop();
      await db.stop(); // the old handle no longer owns anything: no-op
    },
    TIMEOUT,
  );

  it(
    'ignores a stale postmaster.pid whose PID now belongs to an unrelated process',
    async () => {
      const dataDir = path.join(await tempRoot(), 'postgres');
      const db = await start(dataDir);
      const port = db.port;
      await db.stop();
      const sleeper = spawn('sleep', ['60'], { stdio: 'ignore' });
      children.push(sleeper);
      await fs.writeFile(path.join(dataDir, 'postmaster.pid'), `${sleeper.pid}\n${dataDir}\n1\n${port}\n\n127.0.0.1\n  1  1\nready   \n`);
      const again = await start(dataDir);
      expect(await query(again.url, 'SELECT 1 AS one')).toEqual([{ one: 1 }]);
      expect(processAlive(sleeper.pid!)).toBe(true);
    },
    TIMEOUT,
  );

  it(
    'refuses a non-empty folder that is not a PostgreSQL data folder',
    async () => {
      const dataDir = path.join(await tempRoot(), 'postgres');
      await fs.mkdir(dataDir);
      await fs.writeFile(path.join(dataDir, 'notes.txt'), 'mine');
      await expect(start(dataDir)).rejects.toThrow(/exists but is not a PostgreSQL data folder/);
    },
    TIMEOUT,
  );
});

describe.runIf(IS_ROOT)('embedded PostgreSQL as root', () => {
  it(
    'creates the system user when it is missing and runs PostgreSQL as it',
    async () => {
      const name = `mhpg${randomBytes(3).toString('hex')}`;
      usersToDelete.push(name);
      const dataDir = path.join(await tempRoot(), 'postgres');
      const db = await start(dataDir, { systemUser: name });
      const { uid } = idOf(name);
      expect((await fs.stat(dataDir)).uid).toBe(uid);
      const pid = (await postmasterPid(dataDir))!;
      expect((await fs.stat(`/proc/${pid}`)).uid).toBe(uid);
      await db.stop();
    },
    TIMEOUT,
  );

  it(
    'turns a data folder the postgres user cannot reach into a clear Error, leaving nothing behind',
    async () => {
      const root = await tempRoot();
      const privateDir = path.join(root, 'private');
      await fs.mkdir(privateDir, { mode: 0o700 });
      const dataDir = path.join(privateDir, 'postgres');
      const passwordFilesBefore = await pgPasswordFilesInTmp();
      const error = await start(dataDir).then(
        () => null,
        (caught: unknown) => caught,
      );
      expect(error).toBeInstanceOf(Error);
      expect((error as Error).message).toMatch(/"postgres" system user, but that user cannot write the data folder/);
      expect((error as Error).message).toContain(`chmod o+x ${privateDir}`);
      expect(await fs.readdir(privateDir)).toEqual([]); // staging folder removed
      expect(await pgPasswordFilesInTmp()).toEqual(passwordFilesBefore);
    },
    TIMEOUT,
  );

  it(
    'turns binaries the postgres user cannot reach (node_modules under /root) into a clear Error',
    async () => {
      const root = await tempRoot();
      const privateDir = path.join(root, 'root-like');
      await fs.mkdir(privateDir, { mode: 0o700 });
      const realBin = path.join(REPO, 'node_modules/@embedded-postgres', `${process.platform}-${process.arch}`, 'native');
      await fs.symlink(realBin, path.join(privateDir, 'native'));
      const dataDir = path.join(root, 'postgres');
      await expect(start(dataDir, { binDir: path.join(privateDir, 'native', 'bin') })).rejects.toThrow(
        new RegExp(`cannot run the PostgreSQL binaries .*cannot enter ${privateDir}.*not under /root`),
      );
      expect((await fs.readdir(root)).sort()).toEqual(['root-like']);
    },
    TIMEOUT,
  );

  it(
    'works for a regular (non-root) user without any system user',
    async () => {
      const root = await tempRoot();
      const user = idOf('postgres'); // any non-root account will do
      await fs.chown(root, user.uid, user.gid);
      const dataDir = path.join(root, 'postgres');
      const { child, info } = await startInChild(root, dataDir, user);
      expect(info.owned).toBe(true);
      expect(await query(info.url, 'SELECT current_user AS u')).toEqual([{ u: 'postgres' }]);
      const pid = (await postmasterPid(dataDir))!;
      child.kill('SIGTERM');
      await waitFor(() => !processAlive(pid));
    },
    TIMEOUT,
  );

  it(
    'asks for the preferred port again after a crash, and falls back to a free one when it is taken',
    async () => {
      const dataDir = path.join(await tempRoot(), 'postgres');
      const first = await start(dataDir);
      const pid = (await postmasterPid(dataDir))!;
      process.kill(pid, 'SIGKILL');
      await waitFor(() => !processAlive(pid));
      const again = await start(dataDir, { port: first.port });
      expect(again.port).toBe(first.port);
      expect(again.url).toBe(first.url);
      await again.stop();

      // Someone else holds the preferred port: start anyway, elsewhere.
      const blocker = net.createServer();
      await new Promise<void>((resolve) => blocker.listen(first.port, '127.0.0.1', () => resolve()));
      try {
        const moved = await start(dataDir, { port: first.port });
        expect(moved.port).not.toBe(first.port);
        expect(await query(moved.url, 'SELECT 1 AS one')).toEqual([{ one: 1 }]);
        await moved.stop();
      } finally {
        await new Promise((resolve) => blocker.close(resolve));
      }
    },
    TIMEOUT,
  );
});
