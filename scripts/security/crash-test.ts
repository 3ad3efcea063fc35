/**
 * Crash test: runs `npm start` (scripts/start.ts) on a temporary data folder, keeps editors saving and
 * publishing, and kill -9s the web server and the PostgreSQL postmaster, each N times (default 20;
 * CRASH_APP_KILLS / CRASH_DB_KILLS). After each kill it waits for `npm start` to bring the service back by
 * itself. At the end every acknowledged write must be in the database, and no article may be
 * half-written (a version without its revision, a revision whose body differs, published without a date).
 *
 * The writes go through the dashboard's real path (saveArticle, then transitionArticle 'publish' every
 * third write) as an EDITOR: see lib/editor-writes.ts.
 *
 *   node --conditions=react-server --import tsx scripts/security/crash-test.ts      (CRASH_PORT, default 3610)
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { BodyDocument } from '@/lib/articles/body-schema';
import { parsePostmasterPid } from '../lib/decide-embedded-start';
import { getDb, switchDatabaseUrl } from '@/lib/db';
import type { PrismaClient } from '@/lib/generated/prisma/client';
import { projectRoot } from '../lib/database';
import { findEditorActor, writeEditorArticle } from './lib/editor-writes';
import { abortWait, hashJson, httpStatus, printFigure, sleep, spawnLogged, waitUntil, withTimeout } from './lib/harness';
import { canConnect, processAlive } from '../lib/processes';

const appKills = Number(process.env.CRASH_APP_KILLS ?? 20);
const dbKills = Number(process.env.CRASH_DB_KILLS ?? 20);
const port = Number(process.env.CRASH_PORT ?? 3610);
const WRITERS = 3;
const RECOVERY_MS = Number(process.env.CRASH_RECOVERY_TIMEOUT ?? 120) * 1000;
/** One write (save, and publish) that has not settled after this long is abandoned as unacknowledged. */
const WRITE_TIMEOUT_MS = 60_000;
const log = (line: string) => console.log(`[crash] ${line}`);

/** An acknowledged write; `startedAt` tells a write made after a kill from one in flight during it. */
type Ack = { articleId: string; version: number; hash: string; publish: boolean; startedAt: number };

/** What the supervisor looks like right now, for a timeout message that says where recovery stuck. */
type Probe = () => Promise<string>;

async function main() {
  const temp = await fs.mkdtemp(path.join(os.tmpdir(), 'masthead-crash-'));
  await fs.chmod(temp, 0o755); // as root, PostgreSQL runs as `postgres` and must enter it
  const dataDir = path.join(temp, 'data');
  const pgDir = path.join(dataDir, 'postgres');
  const startLog = path.join(temp, 'start.log');
  const site = `http://127.0.0.1:${port}`;

  const env: NodeJS.ProcessEnv = { ...process.env, MASTHEAD_DATA_DIR: dataDir, PORT: String(port), SITE_URL: site };
  delete env.DATABASE_URL;
  delete env.MEDIA_DIR;
  let webPid = 0;
  const start = spawnLogged(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], {
    env,
    cwd: projectRoot,
    logFile: startLog,
    onLine: (line) => {
      const match = /Web server started \(PID (\d+)\)/.exec(line);
      if (match) webPid = Number(match[1]);
      if (/giving up|could not be restarted/.test(line)) log(`npm start: ${line}`);
    },
  });
  let startExited = false;
  start.on('exit', () => (startExited = true));
  // If the test itself is stopped, take npm start (and so PostgreSQL) down with it.
  process.once('SIGTERM', () => {
    start.kill('SIGTERM');
    setTimeout(() => process.exit(1), 20_000).unref();
    start.once('exit', () => process.exit(1));
  });

  const postmaster = async () => parsePostmasterPid(await fs.readFile(path.join(pgDir, 'postmaster.pid'), 'utf8').catch(() => ''));
  const databaseUrl = async () => {
    const pid = await postmaster();
    const password = (await fs.readFile(path.join(pgDir, 'masthead-password'), 'utf8')).trim();
    if (!pid) throw new Error('PostgreSQL is not running');
    return `postgresql://postgres:${encodeURIComponent(password)}@127.0.0.1:${pid.port}/masthead`;
  };
  // The real save path uses the app's one client (getDb()); point it at wherever PostgreSQL runs now.
  let currentUrl = '';
  const client = async (): Promise<PrismaClient> => {
    const url = await databaseUrl();
    if (url !== currentUrl) {
      if (currentUrl) log(`PostgreSQL moved to another port: the save path now uses ${new URL(url).port}.`);
      currentUrl = url;
      return switchDatabaseUrl(url, WRITERS * 2);
    }
    return getDb();
  };

  /** Where recovery stands: printed when a wait times out, so a stall names its cause. */
  const state: Probe = async () => {
    const pid = await postmaster();
    const tail = (await fs.readFile(startLog, 'utf8').catch(() => '')).trim().split('\n').slice(-6).join(' | ');
    return [
      `npm start ${startExited ? 'EXITED' : 'running'}`,
      `web server PID ${webPid} ${webPid && processAlive(webPid) ? 'alive' : 'dead'}, port ${port} ${(await canConnect(port)) ? 'accepts connections' : 'refuses connections'}, front page HTTP ${await httpStatus(`${site}/`, 5_000)}`,
      pid
        ? `postmaster.pid: PID ${pid.pid} ${processAlive(pid.pid) ? 'alive' : 'dead (stale file)'}, port ${pid.port} ${(await canConnect(pid.port)) ? 'accepts connections' : 'refuses connections'}, status "${pid.status}"`
        : 'no postmaster.pid',
      `${acks.length} writes acknowledged, ${failedWrites} failed (last: ${lastFailure || 'none'})`,
      `npm start log: ${tail}`,
    ].join('; ');
  };
  const stopIfGone = () => {
    if (startExited) throw abortWait(`npm start exited (it gave up; see ${startLog})`);
  };

  const acks: Ack[] = [];
  let failedWrites = 0;
  let lastFailure = '';
  const failureKinds = new Map<string, number>();
  let running = true;
  let failure: unknown;
  const writers: Promise<void>[] = [];
  try {
    log(`Starting npm start on port ${port} with data in ${dataDir}…`);
    await waitUntil(
      'npm start to serve the front page',
      async () => {
        if (startExited) throw new Error(`npm start exited; see ${startLog}`);
        return (await httpStatus(`${site}/`)) === 200;
      },
      300_000,
      500,
    );

    const actor = await findEditorActor(await client());
    const testStarted = new Date();
    const articles = (
      await (
        await client()
      ).article.findMany({ where: { status: 'PUBLISHED' }, select: { id: true, version: true }, orderBy: { id: 'asc' } })
    ).slice(0, WRITERS * 4);
    const versions = new Map(articles.map((a) => [a.id, a.version]));
    for (let w = 0; w < WRITERS; w++) {
      const mine = articles.filter((_, i) => i % WRITERS === w).map((a) => a.id);
      writers.push(
        (async () => {
          for (let n = 0; running; n++) {
            const articleId = mine[n % mine.length]!;
            const body: BodyDocument = {
              type: 'doc',
              content: [{ type: 'paragraph', content: [{ type: 'text', text: `Crash test write ${w}/${n} at ${Date.now()}` }] }],
            };
            const publish = n % 3 === 2;
            const startedAt = Date.now();
            try {
              await client();
              const { version } = await withTimeout(
                writeEditorArticle({ actor, articleId, expectedVersion: versions.get(articleId)!, body, publish }),
                WRITE_TIMEOUT_MS,
                `a save of article ${articleId}`,
              );
              versions.set(articleId, version);
              acks.push({ articleId, version, hash: hashJson(body), publish, startedAt });
            } catch (error) {
              // Not acknowledged: it may or may not have committed. Learn the article's version again.
              failedWrites += 1;
              lastFailure = ((error instanceof Error ? error.message : String(error)).split('\n').find((l) => l.trim()) ?? 'unknown error')
                .trim()
                .slice(0, 160);
              const kind = lastFailure.replace(/\d+/g, 'N').slice(0, 90);
              failureKinds.set(kind, (failureKinds.get(kind) ?? 0) + 1);
              await sleep(100);
              try {
                const db = await client();
                const row = await db.article.findUniqueOrThrow({ where: { id: articleId }, select: { version: true } });
                versions.set(articleId, row.version);
              } catch {
                await sleep(200);
              }
            }
          }
        })(),
      );
    }

    const ackedSince = async (count: number, ms: number) => {
      const target = acks.length + count;
      await waitUntil(`${count} more acknowledged writes`, () => (stopIfGone(), acks.length >= target), ms, 50, state);
    };

    let recoveries = 0;
    const times: number[] = [];
    for (let i = 1; i <= appKills; i++) {
      await ackedSince(3, RECOVERY_MS);
      const victim = webPid;
      process.kill(victim, 'SIGKILL');
      const took = await waitUntil(
        `the web server to come back after kill ${i}`,
        async () => (stopIfGone(), webPid !== victim && processAlive(webPid) && (await httpStatus(`${site}/`)) === 200),
        RECOVERY_MS,
        200,
        state,
      );
      recoveries += 1;
      times.push(took);
      log(
        `app kill ${i}/${appKills}: PID ${victim} killed, back in ${(took / 1000).toFixed(1)} s (PID ${webPid}); ${acks.length} writes acknowledged so far`,
      );
    }
    for (let i = 1; i <= dbKills; i++) {
      await ackedSince(3, RECOVERY_MS);
      const victim = (await postmaster())!.pid;
      const killedAt = Date.now();
      process.kill(victim, 'SIGKILL');
      // Back means a write *begun after the kill* was acknowledged: one in flight during it proves nothing.
      const writtenSinceKill = () => acks.some((a) => a.startedAt > killedAt);
      const took = await waitUntil(
        `PostgreSQL to come back after kill ${i}`,
        async () => {
          stopIfGone();
          const pid = await postmaster();
          return !!pid && pid.pid !== victim && processAlive(pid.pid) && writtenSinceKill() && (await httpStatus(`${site}/`)) === 200;
        },
        RECOVERY_MS,
        200,
        state,
      );
      recoveries += 1;
      times.push(took);
      log(`database kill ${i}/${dbKills}: postmaster ${victim} killed, writes acknowledged again after ${(took / 1000).toFixed(1)} s`);
    }
    running = false;
    await Promise.all(writers);

    // Verify against a fresh connection, once the database answers.
    await waitUntil(
      'PostgreSQL to answer before verifying',
      async () => (await (await client()).$queryRaw`SELECT 1`, true),
      RECOVERY_MS,
      500,
      state,
    );
    const db = await client();
    let lost = 0;
    for (const ack of acks) {
      const revision = await db.articleRevision.findUnique({
        where: { articleId_version: { articleId: ack.articleId, version: ack.version } },
      });
      const snapshot = revision?.snapshot as { body?: unknown } | undefined;
      if (!snapshot || hashJson(snapshot.body) !== ack.hash) lost += 1;
    }
    let halfWritten = 0;
    for (const { id } of articles) {
      const article = await db.article.findUniqueOrThrow({ where: { id } });
      const revisions = await db.articleRevision.findMany({ where: { articleId: id }, orderBy: { version: 'asc' } });
      const current = revisions.find((r) => r.version === article.version);
      const snapshot = current?.snapshot as { body?: unknown; status?: string } | undefined;
      const consistent =
        !!snapshot &&
        hashJson(snapshot.body) === hashJson(article.body) &&
        (snapshot.status === undefined || snapshot.status === article.status) &&
        (article.status !== 'PUBLISHED' || article.publishedAt !== null) &&
        revisions.length === article.version &&
        revisions.every((r, index) => r.version === index + 1);
      if (!consistent) halfWritten += 1;
    }
    // Every acknowledged publish committed with its audit row (same transaction as the status change).
    let lostPublishes = 0;
    for (const { id } of articles) {
      const acked = acks.filter((a) => a.articleId === id && a.publish).length;
      const audited = await db.auditEvent.count({ where: { targetId: id, action: 'article.publish', createdAt: { gte: testStarted } } });
      if (audited < acked) lostPublishes += acked - audited;
    }
    for (const [kind, count] of failureKinds) log(`  ${count} × ${kind}`);
    const total = appKills + dbKills;
    const slowest = times.length ? Math.max(...times) / 1000 : 0;
    log(`${failedWrites} writes were refused or interrupted by the kills (never acknowledged); slowest recovery ${slowest.toFixed(1)} s.`);
    printFigure(
      `crash: ${appKills} app kills + ${dbKills} database kills, ${acks.length} acknowledged writes (${acks.filter((a) => a.publish).length} with publish), ${lost + lostPublishes} lost, ${halfWritten} half-published, ${recoveries}/${total} recoveries`,
    );
    if (lost > 0 || lostPublishes > 0 || halfWritten > 0 || recoveries !== total || acks.length === 0) process.exitCode = 1;
  } catch (error) {
    failure = error;
  } finally {
    running = false;
    await Promise.allSettled(writers);
    if (currentUrl)
      await getDb()
        .$disconnect()
        .catch(() => {});
    if (!startExited) {
      start.kill('SIGTERM');
      await waitUntil('npm start to stop', () => startExited, 60_000).catch(() => start.kill('SIGKILL'));
    }
    const leftover = await postmaster();
    if (leftover && processAlive(leftover.pid)) {
      log(`PostgreSQL ${leftover.pid} still running after npm start stopped: that is a bug; killing it.`);
      process.kill(leftover.pid, 'SIGKILL');
      process.exitCode = 1;
    }
    if (failure) {
      const tail = (await fs.readFile(startLog, 'utf8').catch(() => '')).split('\n').slice(-40).join('\n');
      console.error(
        `[crash] FAILED: ${failure instanceof Error ? failure.message : String(failure)}\n--- npm start log (last lines) ---\n${tail}`,
      );
      process.exitCode = 1;
    }
    if (!process.exitCode) await fs.rm(temp, { recursive: true, force: true });
    else log(`Kept ${temp} for inspection.`);
  }
}

void main();
