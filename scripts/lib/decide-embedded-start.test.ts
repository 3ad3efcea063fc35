import { describe, expect, it } from 'vitest';
import {
  ancestorsOf,
  classifyStartFailure,
  decideRunAs,
  decideStart,
  firstUntraversable,
  formatOwnerRecord,
  isLoopbackAddress,
  logTail,
  looksLikeOurPostmaster,
  ownerIsAlive,
  parseOwnerRecord,
  parsePostmasterPid,
  type PostmasterPid,
  type StartProbe,
} from './decide-embedded-start';

const READY_PID_FILE = '4242\n/srv/masthead/data/postgres\n1795799792\n54999\n\n127.0.0.1\n  2146844        10\nready   \n';

const pidFile = (overrides: Partial<PostmasterPid> = {}): PostmasterPid => ({
  pid: 4242,
  dataDir: '/srv/masthead/data/postgres',
  startTime: 1795799792,
  port: 54999,
  socketDir: '',
  listenAddress: '127.0.0.1',
  status: 'ready',
  ...overrides,
});

const probe = (overrides: Partial<StartProbe> = {}): StartProbe => ({
  pidFile: pidFile(),
  processAlive: true,
  isOurPostmaster: true,
  reachable: true,
  waitedMs: 0,
  ...overrides,
});

describe('parsePostmasterPid', () => {
  it('reads a ready, TCP-only postmaster.pid', () => {
    expect(parsePostmasterPid(READY_PID_FILE)).toEqual(pidFile());
  });
  it('reports a missing status (file still being written) as null', () => {
    expect(parsePostmasterPid('4242\n/d\n1\n5432\n\n127.0.0.1\n')?.status).toBeNull();
  });
  it('rejects empty, truncated or garbage files', () => {
    expect(parsePostmasterPid('')).toBeNull();
    expect(parsePostmasterPid('4242\n')).toBeNull();
    expect(parsePostmasterPid('hello\n/d\n1\n5432\n')).toBeNull();
    expect(parsePostmasterPid('4242\n/d\n1\nport\n')).toBeNull();
  });
});

describe('decideRunAs', () => {
  it('runs as the current user unless root', () => {
    expect(decideRunAs(1000)).toEqual({ kind: 'current-user' });
    expect(decideRunAs(undefined)).toEqual({ kind: 'current-user' });
  });
  it('runs as the postgres system user (or the given one) when root', () => {
    expect(decideRunAs(0)).toEqual({ kind: 'system-user', name: 'postgres' });
    expect(decideRunAs(0, 'pgtest')).toEqual({ kind: 'system-user', name: 'pgtest' });
  });
});

describe('isLoopbackAddress', () => {
  it('accepts loopback only', () => {
    expect(isLoopbackAddress('127.0.0.1')).toBe(true);
    expect(isLoopbackAddress('::1')).toBe(true);
    expect(isLoopbackAddress('localhost')).toBe(true);
    expect(isLoopbackAddress('*')).toBe(false);
    expect(isLoopbackAddress('0.0.0.0')).toBe(false);
    expect(isLoopbackAddress('')).toBe(false);
  });
});

describe('looksLikeOurPostmaster', () => {
  it('uses the working directory when known (Linux /proc)', () => {
    expect(looksLikeOurPostmaster({ dataDir: '/d', cwd: '/d' })).toBe(true);
    expect(looksLikeOurPostmaster({ dataDir: '/d', cwd: '/', commandLine: 'postgres -D /d' })).toBe(false);
  });
  it('falls back to the command line (macOS ps)', () => {
    expect(looksLikeOurPostmaster({ dataDir: '/d', commandLine: '/x/bin/postgres -D /d -p 5' })).toBe(true);
    expect(looksLikeOurPostmaster({ dataDir: '/d', commandLine: 'node server.js' })).toBe(false);
  });
  it('is undefined when nothing is known', () => {
    expect(looksLikeOurPostmaster({ dataDir: '/d' })).toBeUndefined();
  });
});

describe('decideStart', () => {
  it('starts when there is no postmaster.pid', () => {
    expect(decideStart(probe({ pidFile: 'missing' }))).toEqual({ action: 'start' });
  });
  it('waits on a half-written postmaster.pid, then removes it', () => {
    expect(decideStart(probe({ pidFile: 'unparseable' })).action).toBe('wait');
    expect(decideStart(probe({ pidFile: 'unparseable', waitedMs: 60_000 })).action).toBe('remove-stale-pid-file');
  });
  it('removes the lock file of a crashed postmaster (PID gone)', () => {
    expect(decideStart(probe({ processAlive: false })).action).toBe('remove-stale-pid-file');
  });
  it('removes the lock file when the PID now belongs to another process', () => {
    expect(decideStart(probe({ isOurPostmaster: false })).action).toBe('remove-stale-pid-file');
  });
  it('reuses a ready, reachable, loopback-only server (e.g. orphaned by kill -9 of Node)', () => {
    expect(decideStart(probe())).toEqual({ action: 'reuse', port: 54999, pid: 4242 });
  });
  it('waits for a server that is starting (crash recovery) or stopping', () => {
    expect(decideStart(probe({ pidFile: pidFile({ status: 'starting' }) })).action).toBe('wait');
    expect(decideStart(probe({ pidFile: pidFile({ status: 'stopping' }), waitedMs: 1000 })).action).toBe('wait');
  });
  it('stops a server stuck in a non-ready state, or fails when it may not be ours', () => {
    expect(decideStart(probe({ pidFile: pidFile({ status: 'standby' }), waitedMs: 60_000 })).action).toBe('stop-running');
    expect(decideStart(probe({ pidFile: pidFile({ status: 'starting' }), isOurPostmaster: undefined, waitedMs: 60_000 })).action).toBe(
      'fail',
    );
  });
  it('restarts our server when it listens beyond loopback, has a socket or does not answer', () => {
    expect(decideStart(probe({ pidFile: pidFile({ listenAddress: '*' }) })).action).toBe('stop-running');
    expect(decideStart(probe({ pidFile: pidFile({ socketDir: '/tmp' }) })).action).toBe('stop-running');
    expect(decideStart(probe({ reachable: false })).action).toBe('stop-running');
  });
  it('fails clearly when a live process of unknown identity holds the lock and does not answer', () => {
    const decision = decideStart(probe({ reachable: false, isOurPostmaster: undefined }));
    expect(decision.action).toBe('fail');
    expect(decision.action === 'fail' && decision.message).toMatch(/delete postmaster\.pid/);
  });
});

describe('owner records', () => {
  it('round-trips', () => {
    const record = { pid: 12, marker: 'boot-id:34567' };
    expect(parseOwnerRecord(formatOwnerRecord(record))).toEqual(record);
    expect(parseOwnerRecord('')).toBeNull();
    expect(parseOwnerRecord('nope')).toBeNull();
  });
  it('treats a reused PID (different start marker) as a dead owner', () => {
    const record = { pid: 1, marker: 'b:100' };
    expect(ownerIsAlive(record, { alive: true, marker: 'b:100' })).toBe(true);
    expect(ownerIsAlive(record, { alive: true, marker: 'b:999' })).toBe(false);
    expect(ownerIsAlive(record, { alive: false, marker: undefined })).toBe(false);
    expect(ownerIsAlive(record, { alive: true, marker: undefined })).toBe(true);
    expect(ownerIsAlive(null, { alive: true, marker: 'x' })).toBe(false);
  });
});

describe('classifyStartFailure', () => {
  it('recognises retryable failures from the server log', () => {
    expect(classifyStartFailure('LOG:  could not bind IPv4 address "127.0.0.1": Address already in use')).toBe('port-in-use');
    expect(classifyStartFailure('FATAL:  lock file "postmaster.pid" already exists')).toBe('lock-held');
    expect(classifyStartFailure('FATAL:  pre-existing shared memory block (key 1, ID 2) is still in use')).toBe('shared-memory-in-use');
    expect(classifyStartFailure('FATAL:  data directory "/d" has wrong ownership')).toBe('other');
  });
  it('keeps the last lines of a log', () => {
    expect(logTail('a\n\nb\nc\n', 2)).toBe('b\nc');
  });
});

describe('firstUntraversable', () => {
  const user = { uid: 101, gid: 104 };
  it('finds /root (0700) on the way to node_modules', () => {
    const stats = [
      { path: '/', mode: 0o40755, uid: 0, gid: 0 },
      { path: '/root', mode: 0o40700, uid: 0, gid: 0 },
      { path: '/root/app', mode: 0o40755, uid: 0, gid: 0 },
    ];
    expect(firstUntraversable(stats, user)).toBe('/root');
  });
  it('honours owner and group bits', () => {
    expect(firstUntraversable([{ path: '/a', mode: 0o40700, uid: 101, gid: 0 }], user)).toBeUndefined();
    expect(firstUntraversable([{ path: '/a', mode: 0o40750, uid: 0, gid: 104 }], user)).toBeUndefined();
    expect(firstUntraversable([{ path: '/a', mode: 0o40605, uid: 101, gid: 0 }], user)).toBe('/a');
  });
  it('lists ancestors', () => {
    expect(ancestorsOf('/a/b')).toEqual(['/', '/a', '/a/b']);
  });
});
