/**
 * Webhooks end to end on a real PostgreSQL and pg-boss, to a real HTTP receiver: a publish relayed
 * from its change record into a delivery, signed with Standard Webhooks and verified by a receiver written
 * from the specification (not with the library that signed it), retried after failures on the backoff schedule, replayed from the log with the same
 * `webhook-id`; relaying a record twice delivers once; endpoints on private addresses are refused.
 *   npx tsx scripts/with-test-database.ts -- npx vitest run --project integration tests/webhooks.test.ts
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Actor } from '@/lib/auth/actor';
import { transitionArticle } from '@/lib/articles/transition-article';
import { getDb } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { createFileStorage } from '@/lib/media/storage';
import { relayChanges } from '@/lib/queue/relay';
import { startQueueWorkers, stopQueueWorkers } from '@/lib/queue/workers';
import { attemptDelivery } from '@/lib/webhooks/attempt-delivery';
import { MAX_ATTEMPTS } from '@/lib/webhooks/decide-backoff';
import { createWebhookEndpoint, replayWebhookDelivery, updateWebhookEndpoint, webhookAllowlist } from '@/lib/webhooks/endpoint-writes';
import { listFailingWebhookEndpoints } from '@/lib/webhooks/queries';
import { generateWebhookSecret } from '@/lib/webhooks/sign';
import { verifyStandardWebhook } from './support/verify-standard-webhook';
import { until } from './support/until';
import { seedArticle, seedAuthor, seedImage, seedSection, seedUser, uniqueSuffix } from '../prisma/seed/factories';

vi.hoisted(() => {
  process.env.WEBHOOK_ALLOWED_HOSTS = '127.0.0.1';
});

const db = getDb();
const asActor = (u: { id: string; name: string; email: string; role: Actor['role'] }): Actor => ({
  id: u.id,
  name: u.name,
  email: u.email,
  role: u.role,
});

type Received = { headers: IncomingHttpHeaders; body: string };
let server: Server;
let base: string;
const received: Received[] = [];
/** How many of the next requests the receiver answers with 500 before answering 200. */
let failNext = 0;

let admin: Actor;
let editor: Actor;
let sectionId: string;
let authorId: string;
let imageId: string;

async function publishedArticle(headline: string) {
  const article = await seedArticle(db, {
    sectionId,
    headline,
    standfirst: 'What happened',
    status: 'DRAFT',
    authorIds: [authorId],
    heroImageId: imageId,
  });
  const outcome = await transitionArticle({ actor: editor, input: { articleId: article.id, action: 'publish' } });
  const change = await db.changeEvent.findFirstOrThrow({ where: { targetId: article.id, kind: 'article.publish' } });
  return { article, outcome, change };
}

beforeAll(async () => {
  server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (c: Buffer) => chunks.push(c));
    request.on('end', () => {
      received.push({ headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
      if (failNext > 0) {
        failNext--;
        response.writeHead(500, { 'content-type': 'text/plain' }).end('receiver is down');
      } else response.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  admin = asActor(await seedUser(db, { role: 'ADMIN' }));
  editor = asActor(await seedUser(db, { role: 'EDITOR' }));
  sectionId = (await seedSection(db, { name: `Hooks ${uniqueSuffix()}` })).id;
  authorId = (await seedAuthor(db, { name: `Hook Writer ${uniqueSuffix()}`, jobTitle: 'Reporter' })).id;
  imageId = (await seedImage(db, createFileStorage(process.env.MEDIA_DIR ?? '/tmp/masthead-test-media'))).id;
  // Retries 10,000 times sooner than in production (30 s becomes 3 ms): the schedule's shape, in seconds.
  await startQueueWorkers({ settings: { retryDelayScale: 0.0001 }, relayMs: 200, log: () => {} });
});

afterAll(async () => {
  await stopQueueWorkers();
  await new Promise((resolve) => server.close(resolve));
  await db.$disconnect();
});

describe('webhooks', () => {
  it('a publish reaches the receiver signed (verified from the Standard Webhooks specification, not by the signing library); after three failures a later retry delivers it; replay sends the same webhook-id', async () => {
    const { result: endpoint } = await createWebhookEndpoint({
      actor: admin,
      input: { url: `${base}/hook`, events: ['article.published'] },
    });
    const { secret } = await db.webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } });
    failNext = 3;
    const { article, change } = await publishedArticle(`Harbour reopens ${uniqueSuffix()}`);

    const delivery = await until(
      () =>
        db.webhookDelivery.findFirst({
          where: { endpointId: endpoint.id, status: 'DELIVERED' },
          include: { attemptLog: { orderBy: { number: 'asc' } } },
        }),
      'the delivery to succeed',
      60_000,
    );
    expect(delivery.messageId).toBe(`msg_${change.id}_${endpoint.id}`);
    expect(delivery.attemptLog.map((a) => [a.number, a.ok, a.statusCode])).toEqual([
      [1, false, 500],
      [2, false, 500],
      [3, false, 500],
      [4, true, 200],
    ]);
    expect(delivery.attemptLog[0]!.response).toBe('receiver is down');

    const mine = received.filter((r) => r.headers['webhook-id'] === delivery.messageId);
    expect(mine).toHaveLength(4);
    for (const request of mine) {
      const headers = {
        'webhook-id': String(request.headers['webhook-id']),
        'webhook-timestamp': String(request.headers['webhook-timestamp']),
        'webhook-signature': String(request.headers['webhook-signature']),
      };
      const payload = verifyStandardWebhook(secret, request.body, headers) as {
        type: string;
        data: { id: string; object: { headline: string; url: string }; changes: { operation: string } };
      };
      expect(payload.type).toBe('article.published');
      expect(payload.data.id).toBe(article.id);
      expect(payload.data.object.headline).toBe(article.headline);
      expect(payload.data.object.url).toMatch(new RegExp(`/${article.slug}$`));
      expect(payload.data.changes.operation).toBe('article.publish');
      // A body changed on the way fails the check: the signature covers it.
      expect(() => verifyStandardWebhook(secret, request.body.replace('article.published', 'article.trashed'), headers)).toThrow(
        'no signature matches',
      );
      expect(() => verifyStandardWebhook(generateWebhookSecret(), request.body, headers)).toThrow('no signature matches');
    }

    await replayWebhookDelivery({ actor: admin, input: { deliveryId: delivery.id } });
    await until(async () => received.filter((r) => r.headers['webhook-id'] === delivery.messageId).length === 5, 'the replay');
    const replay = await until(
      () => db.webhookAttempt.findFirst({ where: { deliveryId: delivery.id, replay: true } }),
      'the replay attempt',
    );
    expect(replay).toMatchObject({ number: 5, ok: true, statusCode: 200 });
    const audit = await db.auditEvent.findFirst({ where: { action: 'webhook.replayed', targetId: delivery.id } });
    expect(audit?.actorId).toBe(admin.id);

    await updateWebhookEndpoint({
      actor: admin,
      input: { endpointId: endpoint.id, version: 1, url: `${base}/hook`, events: ['article.published'], enabled: false },
    });
  });

  it('relaying the same change records again delivers nothing twice; an endpoint hears only its events, and only while enabled', async () => {
    const { result: hears } = await createWebhookEndpoint({ actor: admin, input: { url: `${base}/relay`, events: ['article.published'] } });
    const { result: other } = await createWebhookEndpoint({ actor: admin, input: { url: `${base}/other`, events: ['section.updated'] } });
    const { result: off } = await createWebhookEndpoint({
      actor: admin,
      input: { url: `${base}/off`, events: ['article.published'], enabled: false },
    });
    const { change } = await publishedArticle(`Ferry timetable ${uniqueSuffix()}`);
    await until(
      () => db.webhookDelivery.findFirst({ where: { changeId: change.id, endpointId: hears.id, status: 'DELIVERED' } }),
      'the delivery',
    );

    // Rewind the relay's cursor to before the publish, as a restored backup or a race would, and relay again.
    await db.queueCursor.update({ where: { name: 'changes' }, data: { watermark: change.id - 1n, handled: [] } });
    await stopQueueWorkers();
    await relayChanges(db, { siteUrl: 'http://localhost:3000' });
    await startQueueWorkers({ settings: { retryDelayScale: 0.0001 }, relayMs: 200, log: () => {} });
    await new Promise((r) => setTimeout(r, 2_000));

    expect(await db.webhookDelivery.count({ where: { changeId: change.id, endpointId: hears.id } })).toBe(1);
    expect(await db.webhookDelivery.count({ where: { changeId: change.id, endpointId: { in: [other.id, off.id] } } })).toBe(0);
    expect(received.filter((r) => r.headers['webhook-id'] === `msg_${change.id}_${hears.id}`)).toHaveLength(1);
  });

  it('refuses endpoints on private, loopback-by-name and metadata addresses, and plain http to a public host', async () => {
    for (const url of [
      'http://169.254.169.254/latest/meta-data',
      'https://10.0.0.8/hook',
      'https://localhost/hook',
      'http://example.com/hook',
      'ftp://example.com/',
    ]) {
      const error = await createWebhookEndpoint({ actor: admin, input: { url, events: ['article.published'] } }).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error, url).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe('INVALID');
      expect((error as AppError).fieldErrors?.url?.[0]).toBeTruthy();
    }
    await expect(
      createWebhookEndpoint({ actor: editor, input: { url: 'https://example.com/hook', events: ['article.published'] } }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await db.webhookEndpoint.count({ where: { url: { contains: 'example.com' } } })).toBe(0);
  });
  it('a change committed while no worker runs is delivered when one starts', async () => {
    const { result: endpoint } = await createWebhookEndpoint({
      actor: admin,
      input: { url: `${base}/late`, events: ['article.published'] },
    });
    await stopQueueWorkers();
    const { change } = await publishedArticle(`Night ferry ${uniqueSuffix()}`);
    await new Promise((r) => setTimeout(r, 500));
    expect(await db.webhookDelivery.count({ where: { changeId: change.id } })).toBe(0);
    await startQueueWorkers({ settings: { retryDelayScale: 0.0001 }, relayMs: 200, log: () => {} });
    await until(
      () => db.webhookDelivery.findFirst({ where: { changeId: change.id, endpointId: endpoint.id, status: 'DELIVERED' } }),
      'the late delivery',
    );
  });

  it('a delivery that fails every attempt is marked failed; five in a row disable the endpoint with a notice, and a job run again does nothing', async () => {
    await stopQueueWorkers();
    const { result: endpoint } = await createWebhookEndpoint({
      actor: admin,
      input: { url: `${base}/always-down`, events: ['article.published'] },
    });
    const settings = { allowlist: webhookAllowlist(), retryDelayScale: 0 };
    failNext = 1_000;
    try {
      for (let d = 0; d < 5; d++) {
        const delivery = await db.webhookDelivery.create({
          data: {
            endpointId: endpoint.id,
            event: 'article.published',
            messageId: `msg_dead_${d}_${uniqueSuffix()}`,
            payload: { type: 'article.published', data: {} },
          },
        });
        const outcomes: string[] = [];
        for (let number = 1; number <= MAX_ATTEMPTS; number++)
          outcomes.push(await attemptDelivery(db, { deliveryId: delivery.id, number, replay: false }, settings));
        expect(outcomes.at(-1)).toBe('dead');
        expect(outcomes.slice(0, -1).every((o) => o === 'retry')).toBe(true);
        // The job of an attempt already made, run again (a worker that died after recording it), does nothing.
        expect(await attemptDelivery(db, { deliveryId: delivery.id, number: 3, replay: false }, settings)).toBe('skipped');
        const row = await db.webhookDelivery.findUniqueOrThrow({ where: { id: delivery.id } });
        expect(row).toMatchObject({ status: 'DEAD', attempts: MAX_ATTEMPTS, lastStatus: 500 });
        expect(row.lastError).toMatch(/Gave up after 9 attempts/);
        const stillEnabled = (await db.webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } })).enabled;
        expect(stillEnabled).toBe(d < 4);
      }
    } finally {
      failNext = 0;
    }
    const disabled = await db.webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } });
    expect(disabled.disabledReason).toMatch(/5 deliveries in a row/);
    expect(await db.auditEvent.count({ where: { action: 'webhook.disabled', targetId: endpoint.id } })).toBe(1);
    expect((await listFailingWebhookEndpoints({ actor: admin })).map((e) => e.id)).toContain(endpoint.id);
    expect(await listFailingWebhookEndpoints({ actor: editor })).toEqual([]);
    // Enabling it again clears the notice.
    await updateWebhookEndpoint({
      actor: admin,
      input: { endpointId: endpoint.id, version: disabled.version, url: disabled.url, events: disabled.events, enabled: true },
    });
    expect((await listFailingWebhookEndpoints({ actor: admin })).map((e) => e.id)).not.toContain(endpoint.id);
  });
});
