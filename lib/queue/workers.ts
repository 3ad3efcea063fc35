import 'server-only';
import { getDb } from '@/lib/db';
import { getEnv } from '@/lib/env';
import { getBoss, QUEUE_NAMES, stopBoss } from '@/lib/queue/boss';
import { relayChanges } from '@/lib/queue/relay';
import { attemptDelivery, type AttemptSettings } from '@/lib/webhooks/attempt-delivery';
import type { AttemptJob } from '@/lib/webhooks/endpoint-writes';
import { webhookAllowlist } from '@/lib/webhooks/endpoint-writes';

/** How often the relay looks for new change records, in every instance (each step is one locked read). */
const RELAY_MS = 1_000;

const globalForWorkers = globalThis as unknown as { mastheadWorkers?: { stop: () => Promise<void> } };

/**
 * Starts this process's share of the background work (ADR 0014): the relay from change records to jobs,
 * and pg-boss workers for webhook attempts. Every instance of `npm start` runs it, and `npm run worker`
 * runs it alone; instances share the work through PostgreSQL (a locked cursor, SKIP LOCKED jobs), so
 * nothing is done twice. A no-op without DATABASE_URL or when already started. `settings` are for tests.
 */
export async function startQueueWorkers({
  log = console.log,
  settings = {},
  relayMs = RELAY_MS,
}: { log?: (line: string) => void; settings?: Partial<AttemptSettings>; relayMs?: number } = {}) {
  if (globalForWorkers.mastheadWorkers || !process.env.DATABASE_URL) return;
  let stopped = false;
  globalForWorkers.mastheadWorkers = { stop: async () => {} };
  const siteUrl = getEnv().siteUrl;
  const attemptSettings: AttemptSettings = { allowlist: webhookAllowlist(), ...settings };

  let relaying = false;
  let succeeded = false;
  const relay = async () => {
    if (relaying || stopped) return;
    relaying = true;
    try {
      for (let more = true; more && !stopped;) {
        const step = await relayChanges(getDb(), { siteUrl });
        more = step.more;
        succeeded = true;
      }
    } catch (error) {
      if (succeeded) log(`[queue] relay: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      relaying = false;
    }
  };

  try {
    const boss = await getBoss();
    await boss.work<AttemptJob>(QUEUE_NAMES.webhookAttempt, { batchSize: 1, pollingIntervalSeconds: 1 }, async ([job]) => {
      if (!job) return;
      const outcome = await attemptDelivery(getDb(), job.data, attemptSettings);
      if (outcome === 'dead') log(`[queue] webhook delivery ${job.data.deliveryId} gave up`);
    });
  } catch (error) {
    globalForWorkers.mastheadWorkers = undefined;
    await stopBoss();
    throw error;
  }
  const timer = setInterval(() => void relay(), relayMs);
  timer.unref();
  void relay();
  globalForWorkers.mastheadWorkers = {
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      await stopBoss();
    },
  };
}

/** Stops the relay and the workers (current jobs finish first). */
export async function stopQueueWorkers() {
  const workers = globalForWorkers.mastheadWorkers;
  globalForWorkers.mastheadWorkers = undefined;
  await workers?.stop();
}
