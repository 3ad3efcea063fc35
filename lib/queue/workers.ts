import 'server-only';
import { getDb } from '@/lib/db';
import { getEnv } from '@/lib/env';
import { getBoss, QUEUE_NAMES, stopBoss } from '@/lib/queue/boss';
import { livenessKey, releaseLiveness } from '@/lib/queue/liveness';
import { closeMailer } from '@/lib/newsletters/mailer';
import { sendConfirmation, siteContext } from '@/lib/newsletters/reader-writes';
import { prepareSend, queueDueDigests, resumeSends, sendBatch, type BatchSettings, type SendJob } from '@/lib/newsletters/sends';
import { relayChanges } from '@/lib/queue/relay';
import { attemptDelivery, type AttemptSettings } from '@/lib/webhooks/attempt-delivery';
import type { AttemptJob } from '@/lib/webhooks/endpoint-writes';
import { webhookAllowlist } from '@/lib/webhooks/endpoint-writes';

/** How often the relay looks for new change records, in every instance (each step is one locked read). */
const RELAY_MS = 1_000;
/** How often each instance looks for newsletter sends a dead process left, and for digests that are due. */
const SWEEP_MS = 5_000;

const globalForWorkers = globalThis as unknown as { mastheadWorkers?: { stop: () => Promise<void> } };

/**
 * Starts this process's share of the background work (ADR 0014): the relay from change records to jobs,
 * pg-boss workers for webhook attempts and newsletter sends, and the sweep that takes over a dead
 * process's newsletter deliveries and starts digests. Every instance of `npm start` runs it, and `npm run worker`
 * runs it alone; instances share the work through PostgreSQL (a locked cursor, SKIP LOCKED jobs), so
 * nothing is done twice. A no-op without DATABASE_URL or when already started. `settings` are for tests.
 */
export async function startQueueWorkers({
  // Every line is a failure or a recovery: on stderr, which a supervisor and Playwright's webServer show.
  log = console.error,
  settings = {},
  relayMs = RELAY_MS,
  sweepMs = SWEEP_MS,
  newsletters = {},
}: { log?: (line: string) => void; settings?: Partial<AttemptSettings>; relayMs?: number; sweepMs?: number; newsletters?: BatchSettings } = {}) {
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
    // Newsletters: a failing job throws, so pg-boss retries it (with backoff) and its error is logged.
    const logged = <T>(what: string, run: (data: T) => Promise<unknown>) => async ([job]: { data: T }[]) => {
      if (!job) return;
      try {
        await run(job.data);
      } catch (error) {
        log(`[queue] ${what}: ${error instanceof Error ? error.message : String(error)}`);
        throw error;
      }
    };
    await boss.work<SendJob>(QUEUE_NAMES.newsletterPrepare, { batchSize: 1, pollingIntervalSeconds: 1 }, logged('newsletter prepare', (data) => prepareSend(getDb(), data, siteContext())));
    await boss.work<SendJob>(
      QUEUE_NAMES.newsletterBatch,
      { batchSize: 1, pollingIntervalSeconds: 1 },
      logged('newsletter batch', async (data: SendJob) => sendBatch(getDb(), data, { ...siteContext(), key: await livenessKey() }, newsletters)),
    );
    await boss.work<{ subscriberId: string }>(
      QUEUE_NAMES.newsletterConfirm,
      { batchSize: 1, pollingIntervalSeconds: 1 },
      logged('newsletter confirmation', (data) => sendConfirmation(getDb(), data, siteContext())),
    );
    await livenessKey();
  } catch (error) {
    globalForWorkers.mastheadWorkers = undefined;
    await stopBoss();
    throw error;
  }
  const timer = setInterval(() => void relay(), relayMs);
  timer.unref();
  void relay();
  let sweeping = false;
  const sweep = async () => {
    if (sweeping || stopped) return;
    sweeping = true;
    try {
      const taken = await resumeSends(getDb());
      if (taken) log(`[queue] took over ${taken} newsletter deliveries of a process that is gone`);
      await queueDueDigests(getDb());
    } catch (error) {
      log(`[queue] newsletter sweep: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      sweeping = false;
    }
  };
  const sweepTimer = setInterval(() => void sweep(), sweepMs);
  sweepTimer.unref();
  void sweep();
  globalForWorkers.mastheadWorkers = {
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      clearInterval(sweepTimer);
      await stopBoss();
      await closeMailer();
      await releaseLiveness();
    },
  };
}

/** Stops the relay and the workers (current jobs finish first). */
export async function stopQueueWorkers() {
  const workers = globalForWorkers.mastheadWorkers;
  globalForWorkers.mastheadWorkers = undefined;
  await workers?.stop();
}
