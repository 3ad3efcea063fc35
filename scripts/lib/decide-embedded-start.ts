/**
 * Pure decisions for the embedded PostgreSQL (see ./embedded-postgres.ts).
 * Nothing here touches the file system, processes or the network, so every
 * rough case (stale lock files, orphaned or crashed postmasters, running as
 * root) can be unit-tested with plain data.
 */

/** The parts of `postmaster.pid` we use (PostgreSQL writes one value per line). */
export type PostmasterPid = {
  pid: number;
  dataDir: string;
  /** Epoch seconds. */
  startTime: number;
  port: number;
  /** First entry of unix_socket_directories; '' when there is no socket. */
  socketDir: string;
  /** First entry of listen_addresses; '' when not listening on TCP. */
  listenAddress: string;
  /** 'starting' | 'stopping' | 'ready' | 'standby', or null when not written yet. */
  status: string | null;
};

/** Parses postmaster.pid; returns null when it is empty, truncated or not a PostgreSQL lock file. */
export function parsePostmasterPid(text: string): PostmasterPid | null {
  const lines = text.split('\n');
  const pid = Number(lines[0]?.trim());
  const dataDir = lines[1] ?? '';
  const startTime = Number(lines[2]?.trim());
  const port = Number(lines[3]?.trim());
  if (!Number.isInteger(pid) || pid <= 0 || dataDir === '' || !Number.isInteger(port) || port <= 0) {
    return null;
  }
  const status = lines[7]?.trim() || null;
  return {
    pid,
    dataDir,
    startTime: Number.isFinite(startTime) ? startTime : 0,
    port,
    socketDir: lines[4]?.trim() ?? '',
    listenAddress: lines[5]?.trim() ?? '',
    status,
  };
}

/** PostgreSQL refuses to run as root: root runs it as a dedicated system user instead. */
export function decideRunAs(
  uid: number | undefined,
  systemUser = 'postgres',
): { kind: 'current-user' } | { kind: 'system-user'; name: string } {
  return uid === 0 ? { kind: 'system-user', name: systemUser } : { kind: 'current-user' };
}

export function isLoopbackAddress(address: string): boolean {
  return address === 'localhost' || address === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(address);
}

/**
 * Whether a live process is the postmaster of our data folder (and not an
 * unrelated process that got the same PID after a reboot or container restart).
 * A postmaster's working directory is its data folder; its command line holds `-D <dataDir>`.
 */
export function looksLikeOurPostmaster(input: {
  dataDir: string;
  /** Realpath of the process's cwd (Linux /proc), when known. */
  cwd?: string;
  /** Command line of the process, arguments separated by spaces, when known. */
  commandLine?: string;
}): boolean | undefined {
  if (input.cwd !== undefined) return input.cwd === input.dataDir;
  if (input.commandLine !== undefined) {
    return /postgres/.test(input.commandLine) && input.commandLine.includes(`-D ${input.dataDir}`);
  }
  return undefined;
}

export type StartProbe = {
  pidFile: 'missing' | 'unparseable' | PostmasterPid;
  /** kill(pid, 0) succeeded (or failed with EPERM). */
  processAlive: boolean;
  /** From looksLikeOurPostmaster; undefined when it could not be determined. */
  isOurPostmaster: boolean | undefined;
  /** A TCP connection to listenAddress:port succeeded. */
  reachable: boolean;
  /** How long we have already been waiting on this folder. */
  waitedMs: number;
};

export type StartDecision =
  | { action: 'start' }
  | { action: 'remove-stale-pid-file'; reason: string }
  | { action: 'reuse'; port: number; pid: number }
  | { action: 'wait'; reason: string }
  | { action: 'stop-running'; pid: number; reason: string }
  | { action: 'fail'; message: string };

/** Give a postmaster that is starting or stopping (or a half-written lock file) this long before acting. */
export const SETTLE_MS = 5_000;

/** What to do with the data folder, given what postmaster.pid and the process table say. */
export function decideStart(probe: StartProbe): StartDecision {
  const { pidFile } = probe;
  if (pidFile === 'missing') return { action: 'start' };
  if (pidFile === 'unparseable') {
    // PostgreSQL writes the lock file in steps; an empty/partial one is either
    // a server starting right now or the remnant of a crash during startup.
    return probe.waitedMs < SETTLE_MS
      ? { action: 'wait', reason: 'postmaster.pid is incomplete (a server may be starting)' }
      : { action: 'remove-stale-pid-file', reason: 'postmaster.pid is empty or corrupt and no server completed starting' };
  }
  if (!probe.processAlive) {
    return { action: 'remove-stale-pid-file', reason: `postmaster.pid names PID ${pidFile.pid}, which is not running (crash or kill)` };
  }
  if (probe.isOurPostmaster === false) {
    return {
      action: 'remove-stale-pid-file',
      reason: `postmaster.pid names PID ${pidFile.pid}, which is now an unrelated process (PID reused after a crash or restart)`,
    };
  }
  if (pidFile.status !== 'ready') {
    if (probe.waitedMs < SETTLE_MS * 6) {
      return { action: 'wait', reason: `PostgreSQL (PID ${pidFile.pid}) is ${pidFile.status ?? 'starting'}` };
    }
    if (probe.isOurPostmaster === undefined) {
      return {
        action: 'fail',
        message: `PostgreSQL PID ${pidFile.pid} from postmaster.pid is still "${pidFile.status ?? 'starting'}" after waiting, and it cannot be told whether it is the server of this folder.`,
      };
    }
    return { action: 'stop-running', pid: pidFile.pid, reason: `PostgreSQL (PID ${pidFile.pid}) stayed "${pidFile.status ?? 'starting'}"` };
  }
  if (probe.reachable && isLoopbackAddress(pidFile.listenAddress) && pidFile.socketDir === '') {
    return { action: 'reuse', port: pidFile.port, pid: pidFile.pid };
  }
  if (probe.isOurPostmaster === undefined) {
    return {
      action: 'fail',
      message: `postmaster.pid names a running process (PID ${pidFile.pid}) that does not answer on ${pidFile.listenAddress || '(no TCP)'}:${pidFile.port}. If no PostgreSQL is using this folder, delete postmaster.pid.`,
    };
  }
  return {
    action: 'stop-running',
    pid: pidFile.pid,
    reason: `PostgreSQL (PID ${pidFile.pid}) runs with other settings (listen "${pidFile.listenAddress}", socket "${pidFile.socketDir}", port ${pidFile.port}, reachable: ${probe.reachable}); restarting it loopback-only`,
  };
}

/** Who started the running server: written to `<dataDir>/masthead-owner` as "pid startMarker". */
export type OwnerRecord = { pid: number; marker: string };

export function formatOwnerRecord(record: OwnerRecord): string {
  return `${record.pid} ${record.marker}\n`;
}

export function parseOwnerRecord(text: string): OwnerRecord | null {
  const match = /^(\d+) (.*)$/.exec(text.trim());
  if (!match) return null;
  return { pid: Number(match[1]), marker: match[2] ?? '' };
}

/**
 * Whether the recorded owner is still the same live process. PIDs get reused
 * (containers restart with the same small PIDs), so the process start marker
 * must match too; when a marker cannot be read we trust the PID.
 */
export function ownerIsAlive(record: OwnerRecord | null, current: { alive: boolean; marker: string | undefined }): boolean {
  if (!record || !current.alive) return false;
  if (record.marker === '' || current.marker === undefined) return true;
  return record.marker === current.marker;
}

/** Classifies why `pg_ctl start` failed, from the part of the server log written by that attempt. */
export function classifyStartFailure(log: string): 'port-in-use' | 'lock-held' | 'shared-memory-in-use' | 'other' {
  if (/could not bind|Address already in use|could not create any TCP\/IP sockets/i.test(log)) return 'port-in-use';
  if (/lock file "postmaster\.pid" already exists/i.test(log)) return 'lock-held';
  if (/pre-existing shared memory block .* is still in use/i.test(log)) return 'shared-memory-in-use';
  return 'other';
}

/** The last lines of a log, for error messages. */
export function logTail(log: string, maxLines = 15): string {
  const lines = log.split('\n').filter((line) => line.trim() !== '');
  return lines.slice(-maxLines).join('\n');
}

export type AncestorStat = { path: string; mode: number; uid: number; gid: number };

/**
 * The first folder on a path that the given user cannot traverse (needs the
 * x bit for owner/group/other as applicable), e.g. /root (mode 0700).
 * Ignores supplementary groups and ACLs; used only to word error messages.
 */
export function firstUntraversable(ancestors: AncestorStat[], user: { uid: number; gid: number }): string | undefined {
  for (const dir of ancestors) {
    const bit = dir.uid === user.uid ? 0o100 : dir.gid === user.gid ? 0o010 : 0o001;
    if ((dir.mode & bit) === 0) return dir.path;
  }
  return undefined;
}

/** '/a/b/c' -> ['/', '/a', '/a/b', '/a/b/c'] */
export function ancestorsOf(absolutePath: string): string[] {
  const parts = absolutePath.split('/').filter(Boolean);
  return ['/', ...parts.map((_, index) => '/' + parts.slice(0, index + 1).join('/'))];
}
