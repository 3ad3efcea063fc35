import { hostname } from 'node:os';
import PgBoss from 'pg-boss';
import type { Prisma } from '@/lib/generated/prisma/client';

/** The queues Masthead uses, created at every start (a send to a queue never created inserts nothing: ADR 0014). */
export const QUEUE_NAMES = {
  /** One attempt of one webhook delivery (lib/webhooks/attempt-delivery.ts). */
  webhookAttempt: 'webhook.attempt',
  /** Render a newsletter send and choose its recipients (lib/newsletters/sends.ts). */
  newsletterPrepare: 'newsletter.prepare',
  /** Send up to 100 recipients of a newsletter send. */
  newsletterBatch: 'newsletter.batch',
  /** Email a reader the link that confirms their subscription (double opt-in). */
  newsletterConfirm: 'newsletter.confirm',
} as const;

const QUEUES: PgBoss.Queue[] = [
  // Our own schedule decides the next attempt (lib/webhooks/decide-backoff.ts); pg-boss's retries only
  // bring back an attempt whose worker died (expired after two minutes, well past the 10 s timeout).
  { name: QUEUE_NAMES.webhookAttempt, policy: 'standard', retryLimit: 3, retryDelay: 5, retryBackoff: true, expireInSeconds: 120 },
  // A batch whose process died is taken over by resumeSends within seconds; pg-boss's retry is the backstop.
  { name: QUEUE_NAMES.newsletterPrepare, policy: 'standard', retryLimit: 5, retryDelay: 10, retryBackoff: true, expireInSeconds: 600 },
  { name: QUEUE_NAMES.newsletterBatch, policy: 'standard', retryLimit: 5, retryDelay: 10, retryBackoff: true, expireInSeconds: 900 },
  { name: QUEUE_NAMES.newsletterConfirm, policy: 'standard', retryLimit: 3, retryDelay: 30, retryBackoff: true, expireInSeconds: 120 },
];

/** A pg-boss `db` that runs its statements in a Prisma interactive transaction: a job sent with it exists exactly when the transaction commits. */
export function transactionDb(tx: Prisma.TransactionClient): PgBoss.Db {
  return {
    executeSql: async (text, values) => ({
      rows: await tx.$queryRawUnsafe<unknown[]>(text, ...values.map((v: unknown) => (v === undefined ? null : v))),
    }),
  };
}

const globalForQueue = globalThis as unknown as { mastheadBoss?: Promise<PgBoss> };

/**
 * The process's pg-boss, started once (its schema created or migrated under pg-boss's own advisory
 * lock) with every queue created. Sending needs no worker: `startQueueWorkers` adds those.
 */
export function getBoss({ databaseUrl = process.env.DATABASE_URL }: { databaseUrl?: string } = {}): Promise<PgBoss> {
  if (!globalForQueue.mastheadBoss) {
    if (!databaseUrl) throw new Error('The job queue needs DATABASE_URL.');
    const boss = new PgBoss({
      connectionString: databaseUrl,
      max: 3,
      application_name: `masthead-queue:${hostname()}:${process.env.PORT ?? ''}`.slice(0, 63),
      // Digests will use schedules; nothing else needs pg-boss's cron yet.
      schedule: false,
    });
    globalForQueue.mastheadBoss = (async () => {
      boss.on('error', (error: Error) => console.log(`[queue] ${error.message}`));
      await boss.start();
      for (const queue of QUEUES) {
        if (!(await boss.getQueue(queue.name)))
          await boss.createQueue(queue.name, queue).catch(() => {}); // another instance won the race
        else await boss.updateQueue(queue.name, queue);
      }
      return boss;
    })();
    globalForQueue.mastheadBoss.catch(() => {
      globalForQueue.mastheadBoss = undefined;
    });
  }
  return globalForQueue.mastheadBoss;
}

/** Stops this process's pg-boss (workers finish their current jobs first, up to `timeout` ms). */
export async function stopBoss({ timeout = 10_000 }: { timeout?: number } = {}) {
  const started = globalForQueue.mastheadBoss;
  globalForQueue.mastheadBoss = undefined;
  if (!started) return;
  const boss = await started.catch(() => null);
  await boss?.stop({ graceful: true, timeout, wait: true });
}
