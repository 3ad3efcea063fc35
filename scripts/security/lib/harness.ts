/** Small helpers shared by the security checks: figures, waiting, canonical hashes, child processes. */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';

/** Prints a figure line; scripts/security/run.ts collects these. */
export function printFigure(text: string): void {
  console.log(`[figure] ${text}`);
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Waits until `condition` is true; throws after `ms` with `what` in the message, and what `state()`
 * (when given) says about the moment it gave up, so a stall explains itself. A condition that throws
 * counts as false, except an Error whose name is 'AbortWait', which ends the wait at once.
 */
export async function waitUntil(
  what: string,
  condition: () => Promise<boolean> | boolean,
  ms: number,
  every = 200,
  state?: () => Promise<string>,
): Promise<number> {
  const started = Date.now();
  for (;;) {
    // Bounded, so a condition that never settles (a hung request) cannot stall the wait past `ms`.
    const done = await withTimeout(
      Promise.resolve().then(condition),
      Math.max(1_000, ms - (Date.now() - started)) + 1_000,
      `the check for ${what}`,
    ).catch((error: unknown) => {
      if (error instanceof Error && error.name === 'AbortWait') throw error;
      return false;
    });
    if (done) return Date.now() - started;
    if (Date.now() - started > ms) {
      const detail = state ? await state().catch((error: unknown) => `(state unavailable: ${String(error)})`) : '';
      throw new Error(`Timed out after ${ms / 1000} s waiting for ${what}${detail ? `. State: ${detail}` : ''}`);
    }
    await sleep(every);
  }
}

/** An Error that ends a `waitUntil` at once (the thing waited for can no longer happen). */
export function abortWait(message: string): Error {
  const error = new Error(message);
  error.name = 'AbortWait';
  return error;
}

/** `promise`, or a rejection naming `what` when it has not settled after `ms`. */
export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not settle within ${ms / 1000} s`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** JSON with object keys sorted, so a document hashes the same before and after a jsonb round trip. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export function hashJson(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value)).digest('hex');
}

/** GET `url`; the status, or 0 when nothing answered. */
export async function httpStatus(url: string, timeoutMs = 10_000): Promise<number> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), redirect: 'manual' });
    await response.arrayBuffer();
    return response.status;
  } catch {
    return 0;
  }
}

/** Spawns a long-running child with its output teed into `logFile`; `onLine` sees every stdout/stderr line. */
export function spawnLogged(
  command: string,
  args: string[],
  options: { env: NodeJS.ProcessEnv; cwd: string; logFile: string; onLine?: (line: string) => void },
): ChildProcess {
  const out = createWriteStream(options.logFile, { flags: 'a' });
  const child = spawn(command, args, { env: options.env, cwd: options.cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  for (const stream of [child.stdout, child.stderr]) {
    let pending = '';
    stream.setEncoding('utf8'); // one decoder per stream: a character split between chunks stays whole in the lines
    stream.on('data', (chunk: string) => {
      out.write(chunk);
      pending += chunk;
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) options.onLine?.(line);
    });
  }
  child.on('exit', () => out.end());
  return child;
}

/** A production server (scripts/serve.mjs, as `npm start` runs it) started by a check. */
export type ProductionServer = {
  /** Waits until `path` answers `accept(status)`; fails at once when the server exits. */
  waitReady(what: string, path: string, timeoutMs: number, accept?: (status: number) => boolean): Promise<void>;
  /** SIGTERM, then SIGKILL when it has not stopped within `timeoutMs`; nothing when it already exited. */
  stop(timeoutMs?: number): Promise<void>;
};

/**
 * Starts `scripts/serve.mjs` on 127.0.0.1:`port` in production mode with `env` added to this process's
 * environment, its output appended to `logFile`.
 */
export function startProductionServer({
  projectRoot,
  port,
  env,
  logFile,
}: {
  projectRoot: string;
  port: number;
  env: Record<string, string>;
  logFile: string;
}): ProductionServer {
  const server = spawnLogged(process.execPath, ['scripts/serve.mjs', '-p', String(port), '-H', '127.0.0.1'], {
    env: { ...process.env, ...env, NODE_ENV: 'production' },
    cwd: projectRoot,
    logFile,
  });
  let exited = false;
  server.on('exit', () => (exited = true));
  return {
    async waitReady(what, path, timeoutMs, accept = (status) => status === 200) {
      await waitUntil(
        what,
        async () => {
          if (exited) throw abortWait(`the web server exited; see ${logFile}`);
          return accept(await httpStatus(`http://127.0.0.1:${port}${path}`));
        },
        timeoutMs,
        500,
      );
    },
    async stop(timeoutMs = 20_000) {
      if (exited) return;
      server.kill('SIGTERM');
      await waitUntil('the web server to stop', () => exited, timeoutMs).catch(() => server.kill('SIGKILL'));
    },
  };
}
