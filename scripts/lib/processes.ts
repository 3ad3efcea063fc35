/**
 * Processes, ports and clean-ups for scripts and tests: the one `processAlive`, `freePort` and
 * `canConnect`, and for long-running scripts (bench, budget) child processes and clean-ups that are
 * stopped when the script ends, fails, or gets Ctrl-C / SIGTERM / SIGHUP, in reverse order of
 * registration (web server before the database it uses).
 */
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { projectRoot } from './project-root';

type Cleanup = { name: string; run: () => Promise<unknown> };

const cleanups: Cleanup[] = [];
let cleaning: Promise<void> | undefined;

/** Registers a clean-up; returns a function that runs it early (and only once). */
export function onCleanup(name: string, run: () => Promise<unknown>): () => Promise<void> {
  const entry: Cleanup = { name, run };
  cleanups.push(entry);
  return async () => {
    const index = cleanups.indexOf(entry);
    if (index === -1) return;
    cleanups.splice(index, 1);
    await run().catch((error: unknown) => console.error(`[cleanup] ${name}: ${String(error)}`));
  };
}

/** Runs every registered clean-up, newest first. Safe to call more than once. */
export function cleanupAll(): Promise<void> {
  cleaning ??= (async () => {
    while (cleanups.length > 0) {
      const entry = cleanups.pop()!;
      await entry.run().catch((error: unknown) => console.error(`[cleanup] ${entry.name}: ${String(error)}`));
    }
  })();
  return cleaning;
}

/** Makes Ctrl-C, SIGTERM and SIGHUP stop everything registered, then exit with 130. */
export function cleanupOnSignals(): void {
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, () => {
      console.error(`\n${signal}: stopping everything this script started…`);
      void cleanupAll().finally(() => process.exit(130));
    });
  }
}

/** Sends SIGTERM, then SIGKILL after `graceMs`; resolves when the process has exited. */
export function stopProcess(child: ChildProcess, graceMs = 5_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** Spawns a child that is stopped by cleanupAll(). */
export function spawnTracked(name: string, command: string, args: string[], options: SpawnOptions = {}): ChildProcess {
  const child = spawn(command, args, { cwd: projectRoot, ...options });
  onCleanup(name, () => stopProcess(child));
  return child;
}

/** A free TCP port on 127.0.0.1 chosen by the system. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('No free port'))));
    });
  });
}

/** True when a TCP connection to `host`:`port` opens within `timeoutMs`; never throws. */
export function canConnect(port: number, { host = '127.0.0.1', timeoutMs = 1_000 }: { host?: string; timeoutMs?: number } = {}): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/** True while a process with this PID exists (one of another user, which we may not signal, counts). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Resolves when `url` answers (any HTTP status); rejects after `timeoutMs` or when `child` exits first. */
export async function waitForHttp(url: string, { timeoutMs = 120_000, child }: { timeoutMs?: number; child?: ChildProcess } = {}): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child && (child.exitCode !== null || child.signalCode !== null)) throw new Error(`The server exited (code ${child.exitCode ?? child.signalCode}) before answering ${url}.`);
    try {
      await fetch(url, { signal: AbortSignal.timeout(5_000) });
      return;
    } catch {
      if (Date.now() > deadline) throw new Error(`${url} did not answer within ${Math.round(timeoutMs / 1000)} s.`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}

const serveScript = path.join(projectRoot, 'scripts', 'serve.mjs');

/** A running production server; `authSecret` is its AUTH_SECRET (signs requests such as revalidation). */
export type NextServer = { url: string; port: number; authSecret: string; child: ChildProcess; stop(): Promise<void> };

/**
 * Starts the production server (scripts/serve.mjs: Next's handler, build assets precompressed with
 * brotli, as `npm start` serves) on 127.0.0.1:`port` against `databaseUrl` (a fresh database: Next's
 * on-disk data cache from earlier runs is dropped first), and waits until it answers.
 * Its output goes to this process's stderr, prefixed, only when `verbose`.
 */
export async function startNextServer({
  port,
  databaseUrl,
  mediaDir,
  extraEnv = {},
  nodeOptions,
  verbose = false,
}: {
  port: number;
  databaseUrl: string;
  mediaDir: string;
  extraEnv?: Record<string, string>;
  nodeOptions?: string;
  verbose?: boolean;
}): Promise<NextServer> {
  const url = `http://127.0.0.1:${port}`;
  const authSecret = process.env.AUTH_SECRET ?? 'bench-only-secret-bench-only-secret-0123456789';
  const env: NodeJS.ProcessEnv = Object.assign({ ...process.env }, {
    NODE_ENV: 'production',
    NEXT_TELEMETRY_DISABLED: '1',
    DATABASE_URL: databaseUrl,
    MEDIA_DIR: mediaDir,
    SITE_URL: url,
    AUTH_SECRET: authSecret,
    AUTH_TRUST_HOST: 'true',
    ...extraEnv,
  });
  if (nodeOptions) env.NODE_OPTIONS = nodeOptions;
  const child = spawnTracked(`web server :${port}`, process.execPath, [serveScript, '-p', String(port), '-H', '127.0.0.1'], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const collect = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4_000);
    if (verbose) process.stderr.write(`[next] ${chunk.toString()}`);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  try {
    await waitForHttp(`${url}/`, { child });
  } catch (error) {
    await stopProcess(child);
    throw new Error(`${error instanceof Error ? error.message : String(error)}\nLast output of the web server:\n${output}`);
  }
  return { url, port, authSecret, child, stop: () => stopProcess(child) };
}
