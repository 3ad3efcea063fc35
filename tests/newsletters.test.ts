/**
 * Newsletters end to end on a real PostgreSQL and pg-boss, through a real SMTP server (tests/support/
 * smtp-sink.ts): double opt-in, an article on publish to every confirmed subscriber once, one-click
 * unsubscribe, bounces and complaints that stop mail, a test send and a send by hand, the preferences,
 * export and delete of a subscriber's data, digests, and a sending process killed with SIGKILL halfway
 * through 1,000 recipients, after whose restart every recipient has exactly one message.
 *   npx tsx scripts/with-test-database.ts -- npx vitest run --project integration tests/newsletters.test.ts
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Actor } from '@/lib/auth/actor';
import { transitionArticle } from '@/lib/articles/transition-article';
import { getDb } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { createFileStorage } from '@/lib/media/storage';
import { createNewsletter, sendNewsletterArticle, sendNewsletterTest } from '@/lib/newsletters/newsletter-writes';
import {
  confirmSubscription,
  deleteSubscriberData,
  exportSubscriberData,
  getPreferences,
  savePreferences,
  siteContext,
  subscribeReader,
  unsubscribeByToken,
} from '@/lib/newsletters/reader-writes';
import nodemailer from 'nodemailer';
import { startSmtpCatcher } from '@/lib/newsletters/catcher';
import { getNewsletterSendLog, listCaughtEmails } from '@/lib/newsletters/queries';
import { enqueueSendJobs, queueDueDigests } from '@/lib/newsletters/sends';
import { QUEUE_NAMES } from '@/lib/queue/boss';
import { startQueueWorkers, stopQueueWorkers } from '@/lib/queue/workers';
import { rawHeader, startSmtpSink } from './support/smtp-sink';
import { until } from './support/until';
import { seedArticle, seedAuthor, seedImage, seedSection, seedUser, uniqueSuffix } from '../prisma/seed/factories';

const SINK_PORT = vi.hoisted(() => {
  // Below Linux's ephemeral range (32768–60999), where a client socket of this or another process may hold
  // the port already (CI once hit EADDRINUSE on 36656).
  const port = 20_000 + Math.floor(Math.random() * 12_000);
  process.env.SMTP_URL = `smtp://127.0.0.1:${port}`;
  process.env.SMTP_RATE = '1000';
  process.env.SITE_URL = 'http://localhost:3000';
  return port;
});

const db = getDb();
const asActor = (u: { id: string; name: string; email: string; role: Actor['role'] }): Actor => ({
  id: u.id,
  name: u.name,
  email: u.email,
  role: u.role,
});
const BOUNCING = 'gone@bounce.example';
const COMPLAINING = 'angry@complain.example';
let sink: Awaited<ReturnType<typeof startSmtpSink>>;
let editor: Actor;
let writer: Actor;
let sectionId: string;
let authorId: string;
let imageId: string;

/** The token of the first link to `path` in a message's text part. */
function linkToken(text: string, path: string): string {
  const match = new RegExp(`${path}\\?token=([A-Za-z0-9._-]+)`).exec(text);
  if (!match) throw new Error(`No ${path} link in:\n${text}`);
  return match[1]!;
}

async function newsletter(overrides: Record<string, unknown> = {}) {
  const { result } = await createNewsletter({
    actor: editor,
    input: {
      name: `Briefing ${uniqueSuffix()}`,
      mode: 'EACH_ARTICLE',
      senderName: 'The Desk',
      senderEmail: 'desk@news.example',
      sectionIds: [sectionId],
      ...overrides,
    },
  });
  return result.id;
}

async function publish(headline: string) {
  const article = await seedArticle(db, {
    sectionId,
    headline,
    standfirst: 'What happened',
    status: 'DRAFT',
    authorIds: [authorId],
    heroImageId: imageId,
  });
  await transitionArticle({ actor: editor, input: { articleId: article.id, action: 'publish' } });
  return article;
}

/** Subscribes and confirms through the emailed link, as a reader does. */
async function subscribed(email: string, newsletterIds: string[]) {
  await subscribeReader({ input: { email, newsletterIds } });
  const confirmation = await until(() => sink.to(email).find((m) => m.subject.startsWith('Confirm')), `the confirmation to ${email}`);
  await confirmSubscription({ token: linkToken(confirmation.text, '/newsletters/confirm'), site: siteContext() });
  return (await db.subscriber.findUniqueOrThrow({ where: { email } })).id;
}

beforeAll(async () => {
  // Each message waits 20 ms for its 250, so 1,000 take seconds: long enough to kill the sender halfway.
  sink = await startSmtpSink({
    port: SINK_PORT,
    delayMs: 20,
    refuse: (address) =>
      address === BOUNCING
        ? { code: 550, message: '5.1.1 The email account that you tried to reach does not exist' }
        : address === COMPLAINING
          ? { code: 550, message: '5.7.1 Recipient marked mail from you as spam (feedback loop complaint)' }
          : null,
  });
  editor = asActor(await seedUser(db, { role: 'EDITOR' }));
  writer = asActor(await seedUser(db, { role: 'WRITER' }));
  sectionId = (await seedSection(db, { name: `Letters ${uniqueSuffix()}` })).id;
  authorId = (await seedAuthor(db, { name: `Letter Writer ${uniqueSuffix()}`, jobTitle: 'Reporter' })).id;
  imageId = (await seedImage(db, createFileStorage(process.env.MEDIA_DIR ?? '/tmp/masthead-test-media'))).id;
  await startQueueWorkers({ relayMs: 200, sweepMs: 500, newsletters: { retryMs: 200 }, log: () => {} });
});

afterAll(async () => {
  await stopQueueWorkers();
  await sink?.close();
  await db.$disconnect();
});

describe('newsletters', () => {
  it('double opt-in: nothing is sent before the link is followed; then a published article arrives once, with one-click unsubscribe; after it, nothing', async () => {
    const newsletterId = await newsletter();
    const reader = `reader-${uniqueSuffix()}@example.org`;
    const stranger = `stranger-${uniqueSuffix()}@example.org`;
    await subscribeReader({ input: { email: stranger, newsletterIds: [newsletterId] } }); // never confirms
    const subscriberId = await subscribed(reader, [newsletterId]);

    const first = await publish(`Harbour reopens ${uniqueSuffix()}`);
    const email = await until(() => sink.to(reader).find((m) => m.subject === first.headline), 'the article email');
    expect(rawHeader(email.raw, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
    const listUnsubscribe = String(rawHeader(email.raw, 'List-Unsubscribe'));
    expect(listUnsubscribe).toMatch(/^<http:\/\/localhost:3000\/newsletters\/one-click\?token=[^>]+>$/);
    expect(email.messageId).toMatch(new RegExp(`^<send\\.[A-Za-z0-9]+\\.${subscriberId}@localhost>$`));
    expect(email.text).toContain(first.headline);
    expect(email.html).toContain('What happened');
    // The stranger confirmed nothing: only their confirmation, no article.
    expect(sink.to(stranger).map((m) => m.subject)).toEqual([expect.stringMatching(/^Confirm/)]);
    const send = await until(
      () => db.newsletterSend.findFirst({ where: { newsletterId, articleId: first.id, status: 'DONE' } }),
      'the send to finish',
    );
    expect(send.recipients).toBe(1);
    expect(await db.changeEvent.count({ where: { kind: 'newsletter.sent', targetId: send.id } })).toBe(1);

    // One click: the token of the List-Unsubscribe URL, as a mail client POSTs it.
    const token = decodeURIComponent(/token=([^>]+)>/.exec(listUnsubscribe)![1]!);
    await unsubscribeByToken({ token, site: siteContext() });
    const second = await publish(`Bridge closes ${uniqueSuffix()}`);
    await until(() => db.newsletterSend.findFirst({ where: { newsletterId, articleId: second.id, status: 'DONE' } }), 'the second send');
    expect(
      sink
        .to(reader)
        .filter((m) => !m.subject.startsWith('Confirm'))
        .map((m) => m.subject),
    ).toEqual([first.headline]);
    const log = await getNewsletterSendLog({ actor: editor, newsletterId });
    expect(log.sends.find((s) => s.id === send.id)).toMatchObject({ sent: 1, unsubscribed: 1 });
    await expect(getNewsletterSendLog({ actor: writer, newsletterId })).rejects.toThrow(AppError);
  });

  it('asking twice, or for an address already subscribed, answers the same and sends at most one confirmation', async () => {
    const newsletterId = await newsletter();
    const reader = `twice-${uniqueSuffix()}@example.org`;
    await subscribeReader({ input: { email: reader, newsletterIds: [newsletterId] } });
    await subscribeReader({ input: { email: reader.toUpperCase(), newsletterIds: [newsletterId] } });
    await until(() => sink.to(reader).length > 0, 'a confirmation');
    await new Promise((r) => setTimeout(r, 1_500));
    expect(sink.to(reader)).toHaveLength(1);
    await expect(subscribeReader({ input: { email: 'not an address', newsletterIds: [newsletterId] } })).rejects.toMatchObject({
      code: 'INVALID',
    });
    await expect(subscribeReader({ input: { email: reader, newsletterIds: ['nope'] } })).rejects.toMatchObject({ code: 'INVALID' });
    await expect(confirmSubscription({ token: 'r1.forged.token', site: siteContext() })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('a hard bounce and a complaint stop all further mail to the address; the send log gives the reason', async () => {
    const newsletterId = await newsletter();
    const ok = `fine-${uniqueSuffix()}@example.org`;
    await subscribed(ok, [newsletterId]);
    for (const email of [BOUNCING, COMPLAINING]) {
      // Confirmation cannot reach them: subscribe them as confirmed already (an import of an old list).
      const s = await db.subscriber.upsert({ where: { email }, create: { email }, update: { status: 'ACTIVE' } });
      await db.newsletterSubscription.create({ data: { subscriberId: s.id, newsletterId, status: 'ACTIVE' } });
    }
    const article = await publish(`Dam holds ${uniqueSuffix()}`);
    const send = await until(
      () => db.newsletterSend.findFirst({ where: { newsletterId, articleId: article.id, status: 'DONE' } }),
      'the send',
    );
    expect(await db.subscriber.findUniqueOrThrow({ where: { email: BOUNCING } })).toMatchObject({ status: 'BOUNCED' });
    expect(await db.subscriber.findUniqueOrThrow({ where: { email: COMPLAINING } })).toMatchObject({ status: 'COMPLAINED' });
    const log = await getNewsletterSendLog({ actor: editor, newsletterId });
    const row = log.sends.find((s) => s.id === send.id)!;
    expect(row).toMatchObject({ recipients: 3, sent: 1, failed: 2 });
    expect(row.failures.map((f) => f.error).join(' ')).toMatch(/hard-bounce: 550/);
    expect(row.failures.map((f) => f.error).join(' ')).toMatch(/complaint: 550/);

    const next = await publish(`Dam holds again ${uniqueSuffix()}`);
    const later = await until(
      () => db.newsletterSend.findFirst({ where: { newsletterId, articleId: next.id, status: 'DONE' } }),
      'the next send',
    );
    expect(later.recipients).toBe(1);
  });

  it('an editor sends an article by hand only after a test to themselves; each article goes to a newsletter once', async () => {
    const newsletterId = await newsletter({ sectionIds: [] });
    const reader = `manual-${uniqueSuffix()}@example.org`;
    await subscribed(reader, [newsletterId]);
    const article = await seedArticle(db, { sectionId, headline: `By hand ${uniqueSuffix()}`, status: 'PUBLISHED' });
    await expect(sendNewsletterArticle({ actor: editor, input: { newsletterId, articleId: article.id } })).rejects.toThrow(/test/);
    await expect(sendNewsletterTest({ actor: writer, input: { newsletterId, articleId: article.id } })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await sendNewsletterTest({ actor: editor, input: { newsletterId, articleId: article.id } });
    const test = await until(() => sink.to(editor.email).find((m) => m.subject === `[Test] ${article.headline}`), 'the test email');
    expect(test.text).toContain(article.headline);
    expect(sink.to(reader).some((m) => m.subject === article.headline)).toBe(false);
    await sendNewsletterArticle({ actor: editor, input: { newsletterId, articleId: article.id } });
    await until(() => sink.to(reader).find((m) => m.subject === article.headline), 'the article to the subscriber');
    await expect(sendNewsletterArticle({ actor: editor, input: { newsletterId, articleId: article.id } })).rejects.toThrow(/already/);
  });

  it('the preferences page changes newsletters, exports the data and deletes it; the send log keeps its counts', async () => {
    const a = await newsletter();
    const b = await newsletter();
    const reader = `prefs-${uniqueSuffix()}@example.org`;
    const subscriberId = await subscribed(reader, [a]);
    const article = await publish(`Preferences ${uniqueSuffix()}`);
    const email = await until(() => sink.to(reader).find((m) => m.subject === article.headline), 'the article');
    const token = linkToken(email.text, '/newsletters/preferences');
    const site = siteContext();
    expect((await getPreferences({ token, site })).newsletters.filter((n) => n.status === 'ACTIVE').map((n) => n.id)).toEqual([a]);
    await savePreferences({ token, input: { newsletterIds: [b] }, site });
    const after = await getPreferences({ token, site });
    expect(after.newsletters.find((n) => n.id === a)?.status).toBe('UNSUBSCRIBED');
    expect(after.newsletters.find((n) => n.id === b)?.status).toBe('ACTIVE');
    const exported = await exportSubscriberData({ token, site });
    expect(exported.email).toBe(reader);
    expect(exported.emails.map((e) => e.subject)).toContain(article.headline);
    await deleteSubscriberData({ token, site });
    expect(await db.subscriber.findUnique({ where: { id: subscriberId } })).toBeNull();
    await expect(getPreferences({ token, site })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const log = await getNewsletterSendLog({ actor: editor, newsletterId: a });
    expect(log.sends[0]).toMatchObject({ sent: 1 });
  });

  it('a digest goes out once a day at its time with the day’s articles of its sections', async () => {
    // Not due until the reader has confirmed (the sweep runs every half second): then its time is midnight.
    const digestSection = (await seedSection(db, { name: `Digest ${uniqueSuffix()}` })).id;
    const newsletterId = await newsletter({ mode: 'DIGEST', digestTime: '23:59', sectionIds: [digestSection] });
    const reader = `digest-${uniqueSuffix()}@example.org`;
    await subscribed(reader, [newsletterId]);
    const one = await seedArticle(db, { sectionId: digestSection, headline: `Morning one ${uniqueSuffix()}`, status: 'PUBLISHED' });
    const two = await seedArticle(db, { sectionId: digestSection, headline: `Morning two ${uniqueSuffix()}`, status: 'PUBLISHED' });
    await seedArticle(db, { sectionId, headline: `Elsewhere ${uniqueSuffix()}`, status: 'PUBLISHED' });
    // Made "yesterday", so today's time counts (a digest made after its time starts the next day).
    await db.newsletter.update({ where: { id: newsletterId }, data: { digestMinute: 0, createdAt: new Date(Date.now() - 24 * 3600_000) } });
    const fresh = await newsletter({ mode: 'DIGEST', digestTime: '00:00', sectionIds: [digestSection] });
    await queueDueDigests(db);
    await queueDueDigests(db);
    const email = await until(() => sink.to(reader).find((m) => m.subject.includes('and')), 'the digest');
    expect(email.text).toContain(one.headline);
    expect(email.text).toContain(two.headline);
    expect(email.text).not.toContain('Elsewhere');
    expect(await db.newsletterSend.count({ where: { newsletterId, kind: 'DIGEST' } })).toBe(1);
    expect(await db.newsletterSend.count({ where: { newsletterId: fresh, kind: 'DIGEST' } })).toBe(0);
  });

  it('the built-in catcher (no SMTP_URL) is a real SMTP server that keeps what it takes for admins, and only for them', async () => {
    const { port } = await startSmtpCatcher();
    const transport = nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true });
    const subject = `Caught ${uniqueSuffix()}`;
    await transport.sendMail({
      from: 'desk@news.example',
      to: 'reader@example.org',
      subject,
      text: 'Plain part',
      html: '<p>HTML part</p>',
    });
    transport.close();
    const admin = asActor(await seedUser(db, { role: 'ADMIN' }));
    const caught = (await listCaughtEmails({ actor: admin })).find((e) => e.subject === subject);
    expect(caught).toMatchObject({
      from: 'desk@news.example',
      to: ['reader@example.org'],
      text: expect.stringContaining('Plain part'),
      html: expect.stringContaining('HTML part'),
    });
    await expect(listCaughtEmails({ actor: editor })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('kill -9 of the sending process halfway through 1,000 recipients: after a restart every recipient has exactly one message', async () => {
    await stopQueueWorkers(); // the child process alone sends this one
    const newsletterId = await newsletter();
    const suffix = uniqueSuffix();
    await db.$executeRaw`
      INSERT INTO "Subscriber" (id, email, "updatedAt", "confirmedAt")
      SELECT 'k' || ${suffix} || '_' || i, 'k' || i || '-' || ${suffix} || '@crash.example', now(), now() FROM generate_series(1, 1000) i`;
    await db.$executeRaw`
      INSERT INTO "NewsletterSubscription" ("subscriberId", "newsletterId", status)
      SELECT 'k' || ${suffix} || '_' || i, ${newsletterId}, 'ACTIVE' FROM generate_series(1, 1000) i`;
    const article = await seedArticle(db, { sectionId, headline: `Crash course ${suffix}`, status: 'PUBLISHED' });
    const send = await db.newsletterSend.create({
      data: { newsletterId, kind: 'ARTICLE', articleId: article.id, articleIds: [article.id], dedupeKey: `article:${article.id}` },
    });
    await enqueueSendJobs(null, [{ name: QUEUE_NAMES.newsletterPrepare, key: [send.id], data: { sendId: send.id } }]);

    const ours = () => sink.messages.filter((m) => m.subject === article.headline);
    let worker = startWorker();
    await until(() => ours().length >= 300, '300 messages before the kill', 60_000);
    worker.kill('SIGKILL');
    await new Promise((r) => worker.once('exit', r));
    const atKill = ours().length;
    const claimed = await db.newsletterDelivery.count({ where: { sendId: send.id, status: 'SENDING' } });
    worker = startWorker();
    try {
      await until(
        () => db.newsletterSend.findFirst({ where: { id: send.id, status: 'DONE' } }),
        'the send to finish after the restart',
        120_000,
      );
    } finally {
      worker.kill('SIGTERM');
      await new Promise((r) => worker.once('exit', r));
    }
    const perRecipient = new Map<string, Set<string>>();
    for (const m of ours()) for (const to of m.to) perRecipient.set(to, (perRecipient.get(to) ?? new Set()).add(m.messageId ?? ''));
    const raw = ours().length;
    console.log(
      `[kill -9] ${atKill} messages accepted before the kill, ${claimed} deliveries claimed by the dead process; after the restart ${perRecipient.size} recipients, ${raw} messages (${raw - perRecipient.size} resent with the same Message-ID)`,
    );
    expect(perRecipient.size).toBe(1000);
    expect([...perRecipient.values()].every((ids) => ids.size === 1)).toBe(true);
    const tally = await db.newsletterDelivery.groupBy({ by: ['status'], where: { sendId: send.id }, _count: true });
    expect(tally).toEqual([{ status: 'SENT', _count: 1000 }]);
    await startQueueWorkers({ relayMs: 200, sweepMs: 500, newsletters: { retryMs: 200 }, log: () => {} });
  });
});

/** `npm run worker` itself, as a child process with this test's database and SMTP server. */
function startWorker(): ChildProcess {
  // One process (node with tsx's loader), so SIGKILL hits the sender itself.
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/worker.ts'], {
    env: { ...process.env, SMTP_RATE: '1000', TSX_TSCONFIG_PATH: 'tsconfig.worker.json' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stderr?.on('data', (d: Buffer) => process.stderr.write(`[worker] ${d.toString()}`));
  return child;
}
