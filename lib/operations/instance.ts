import { randomUUID } from 'node:crypto';

// On globalThis: the proxy, the app and instrumentation are bundled apart but share one process.
const globalForInstance = globalThis as unknown as { mastheadInstanceId?: string };

/** This server process's id, written into the change records it makes, so its change feed skips what it purged already. */
export function instanceId(): string {
  return (globalForInstance.mastheadInstanceId ??= randomUUID());
}
