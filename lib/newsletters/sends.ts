import 'server-only';
import { getPublishedArticleOrThrow, presentArticle } from '@/lib/api/content-queries';
import { bodyDocumentSchema, emptyBody } from '@/lib/articles/body-schema';
import { publishedWhere } from '@/lib/articles/published';
import type { Db } from '@/lib/db';
import { isAppError } from '@/lib/errors';
import type { Prisma } from '@/lib/generated/prisma/client';
import { recordChange } from '@/lib/operations/operation';
import { claimHolderIsGone } from '@/lib/queue/liveness';
import { getBoss, QUEUE_NAMES, transactionDb } from '@/lib/queue/boss';
import { derivedJobId } from '@/lib/queue/job-id';
import type { ChangeRow } from '@/lib/webhooks/fan-out';
import { classifySmtpFailure } from '@/lib/newsletters/decide-smtp';
import { decideEmailArticle } from '@/lib/newsletters/decide-email-article';
import { newsletterHeaders } from '@/lib/newsletters/headers';
import { sendEmail, type OutgoingEmail, type SendResult } from '@/lib/newsletters/mailer';
import { renderNewsletterEmail } from '@/lib/newsletters/render-email';
import { signReaderToken } from '@/lib/newsletters/tokens';
import { newsletterRoutes, absoluteUrlOn } from '@/lib/routes';
import type { EmailArticle } from '@/lib/newsletters/article-email';

type Tx = Prisma.TransactionClient;

/** What sending needs to know of the site: its URL and name, and the secret reader links are signed with. */
export type SiteContext = { siteUrl: string; siteName: string; secret: string; unsubscribeMailto?: string };

/** Recipients per batch job: one claim, then their messages through the pool. */
export const BATCH = 100;
/** A refused message is tried this many times (soft failures) before the delivery is marked failed. */
const MAX_ATTEMPTS = 3;
/** How long a soft failure waits before its next try. */
const SOFT_RETRY_MS = 5 * 60_000;

/** The change kinds that put a newly published article into its newsletters (a restore from the trash does not). */
const PUBLISH_KINDS = new Set(['article.publish', 'article.publish-scheduled']);

// Per-recipient links are filled into the rendered email at send time (letters only: no escaping changes them).
const UNSUBSCRIBE_SLOT = 'MHUNSUBSCRIBETOKEN';
const PREFERENCES_SLOT = 'MHPREFERENCESTOKEN';

/** The job data of `newsletter.prepare` and `newsletter.batch`. */
export type SendJob = { sendId: string };

/** Queues jobs in the caller's transaction (`tx`) or on their own; ids derived from their parts, so a second queueing adds nothing. */
export async function enqueueSendJobs(tx: Tx | null, jobs: { name: string; key: (string | number)[]; data: object; startAfter?: Date }[]) {
  if (jobs.length === 0) return;
  const boss = await getBoss();
  const rows = jobs.map((j) => ({
    id: derivedJobId(j.name, ...j.key),
    name: j.name,
    data: j.data,
    startAfter: j.startAfter?.toISOString(),
  }));
  if (tx) await boss.insert(rows, { db: transactionDb(tx) });
  else await boss.insert(rows);
}

/**
 * For each article just published (`article.publish`, `article.publish-scheduled`) among relayed change
 * records: one `NewsletterSend` per enabled on-publish newsletter following its section (or every
 * section), made in the relay's transaction with its `newsletter.prepare` job. A newsletter sends an
 * article once (`dedupeKey`), so relaying a record again, or publishing the article again, adds nothing.
 */
export async function queueArticleNewsletters(tx: Tx, rows: readonly ChangeRow[]): Promise<void> {
  const articleIds = rows.filter((r) => PUBLISH_KINDS.has(r.kind) && r.targetId).map((r) => r.targetId!);
  if (articleIds.length === 0) return;
  const [newsletters, articles] = await Promise.all([
    tx.newsletter.findMany({
      where: { enabled: true, mode: 'EACH_ARTICLE' },
      select: { id: true, sections: { select: { sectionId: true } } },
    }),
    tx.article.findMany({ where: { id: { in: articleIds } }, select: { id: true, sectionId: true } }),
  ]);
  const data = articles.flatMap((a) =>
    newsletters
      .filter((n) => n.sections.length === 0 || n.sections.some((s) => s.sectionId === a.sectionId))
      .map((n) => ({ newsletterId: n.id, kind: 'ARTICLE' as const, articleId: a.id, articleIds: [a.id], dedupeKey: `article:${a.id}` })),
  );
  if (data.length === 0) return;
  const sends = await tx.newsletterSend.createManyAndReturn({ data, skipDuplicates: true, select: { id: true } });
  await enqueueSendJobs(
    tx,
    sends.map((s) => ({ name: QUEUE_NAMES.newsletterPrepare, key: [s.id], data: { sendId: s.id } satisfies SendJob })),
  );
}

/** The articles of a send as its email shows them (published ones only: one taken down meanwhile is left out). */
async function emailArticlesOf(db: Db, articleIds: string[], { fullText, siteUrl }: { fullText: boolean; siteUrl: string }) {
  const articles: EmailArticle[] = [];
  for (const id of articleIds) {
    try {
      const row = await getPublishedArticleOrThrow(db, { id });
      const shown = presentArticle(row, { siteUrl });
      const body = bodyDocumentSchema.safeParse(row.body);
      articles.push(decideEmailArticle({ ...shown, body: body.success ? body.data : emptyBody }, { fullText }));
    } catch (error) {
      if (!isAppError(error, 'NOT_FOUND')) throw error;
    }
  }
  return articles;
}

/** The rendered email of a newsletter for these articles, with slots for each recipient's links. */
export async function renderSend(
  db: Db,
  { newsletter, articleIds }: { newsletter: { name: string; fullText: boolean }; articleIds: string[] },
  site: Pick<SiteContext, 'siteUrl' | 'siteName'>,
) {
  const articles = await emailArticlesOf(db, articleIds, { fullText: newsletter.fullText, siteUrl: site.siteUrl });
  if (articles.length === 0) return null;
  return renderNewsletterEmail({
    frame: {
      siteName: site.siteName,
      newsletterName: newsletter.name,
      preview: articles[0]!.standfirst,
      unsubscribeUrl: absoluteUrlOn(site.siteUrl, newsletterRoutes.unsubscribe(UNSUBSCRIBE_SLOT)),
      preferencesUrl: absoluteUrlOn(site.siteUrl, newsletterRoutes.preferences(PREFERENCES_SLOT)),
    },
    articles,
  });
}

/**
 * The message one subscriber gets of a send: the rendered email with their own signed links, the
 * one-click unsubscribe headers (RFC 8058) and the Message-ID fixed for (send, subscriber). Pure but
 * for the clock in the tokens.
 */
export function personalise(
  send: {
    id: string;
    subject: string;
    html: string;
    text: string;
    newsletter: { id: string; slug: string; senderName: string; senderEmail: string };
  },
  subscriber: { id: string; email: string },
  site: SiteContext,
): OutgoingEmail {
  const unsubscribe = signReaderToken({
    purpose: 'unsubscribe',
    subscriberId: subscriber.id,
    newsletterIds: [send.newsletter.id],
    secret: site.secret,
  });
  const preferences = signReaderToken({ purpose: 'preferences', subscriberId: subscriber.id, secret: site.secret });
  const fill = (s: string) => s.replaceAll(UNSUBSCRIBE_SLOT, unsubscribe).replaceAll(PREFERENCES_SLOT, preferences);
  const headers = newsletterHeaders({
    siteUrl: site.siteUrl,
    newsletterSlug: send.newsletter.slug,
    sendId: send.id,
    subscriberId: subscriber.id,
    unsubscribeUrl: absoluteUrlOn(site.siteUrl, newsletterRoutes.oneClick(unsubscribe)),
    unsubscribeMailto: site.unsubscribeMailto,
  });
  const { 'Message-ID': messageId, ...rest } = headers;
  return {
    from: { name: send.newsletter.senderName, address: send.newsletter.senderEmail },
    to: subscriber.email,
    subject: send.subject,
    html: fill(send.html),
    text: fill(send.text),
    headers: rest,
    messageId,
  };
}

/**
 * The `newsletter.prepare` job: renders the send's email once, chooses its recipients (every active
 * subscription of an active address) in one `INSERT … SELECT` (a delivery per send and subscriber,
 * unique), and queues one `newsletter.batch` job per 100 of them, all in one transaction. A send whose
 * articles were all taken down meanwhile ends with no recipients. Run twice, it does nothing more.
 * Returns the number of recipients.
 */
export async function prepareSend(db: Db, { sendId }: SendJob, site: SiteContext): Promise<number> {
  const send = await db.newsletterSend.findUnique({ where: { id: sendId }, include: { newsletter: true } });
  if (!send || send.status !== 'PREPARING') return 0;
  const email = await renderSend(db, { newsletter: send.newsletter, articleIds: send.articleIds }, site);
  if (send.kind === 'TEST') return sendTest(db, { ...send, ...(email ?? { subject: '', html: '', text: '' }) }, email !== null, site);
  return db.$transaction(
    async (tx) => {
      const [locked] = await tx.$queryRaw<{ status: string }[]>`SELECT status::text FROM "NewsletterSend" WHERE id = ${sendId} FOR UPDATE`;
      if (locked?.status !== 'PREPARING') return 0;
      if (!email) {
        await tx.newsletterSend.update({ where: { id: sendId }, data: { status: 'DONE', finishedAt: new Date() } });
        return 0;
      }
      const recipients = await tx.$executeRaw`
        INSERT INTO "NewsletterDelivery" (id, "sendId", "subscriberId")
        SELECT 'nd' || replace(gen_random_uuid()::text, '-', ''), ${sendId}, s.id
        FROM "NewsletterSubscription" ns JOIN "Subscriber" s ON s.id = ns."subscriberId"
        WHERE ns."newsletterId" = ${send.newsletterId} AND ns.status = 'ACTIVE' AND s.status = 'ACTIVE'
        ON CONFLICT DO NOTHING`;
      await tx.newsletterSend.update({
        where: { id: sendId },
        data: { ...email, recipients, status: 'SENDING', startedAt: new Date() },
      });
      const batches = Math.max(1, Math.ceil(recipients / BATCH));
      await enqueueSendJobs(
        tx,
        Array.from({ length: batches }, (_, i) => ({
          name: QUEUE_NAMES.newsletterBatch,
          key: [sendId, i],
          data: { sendId } satisfies SendJob,
        })),
      );
      return recipients;
    },
    { timeout: 120_000 },
  );
}

/** A test send: the one message to its editor, logged as a delivery without a subscriber. */
async function sendTest(
  db: Db,
  send: {
    id: string;
    subject: string;
    html: string;
    text: string;
    testEmail: string | null;
    newsletter: { id: string; slug: string; senderName: string; senderEmail: string };
  },
  rendered: boolean,
  site: SiteContext,
): Promise<number> {
  const { count } = await db.newsletterSend.updateMany({
    where: { id: send.id, status: 'PREPARING' },
    data: { status: 'SENDING', subject: send.subject, html: send.html, text: send.text, recipients: 1, startedAt: new Date() },
  });
  if (count === 0) return 0;
  let status: 'SENT' | 'FAILED' = 'FAILED';
  let error: string | null = 'The article is no longer published.';
  if (rendered && send.testEmail) {
    const result = await sendEmail({
      ...personalise(send, { id: 'test', email: send.testEmail }, site),
      subject: `[Test] ${send.subject}`,
    });
    status = result.ok ? 'SENT' : 'FAILED';
    error = result.ok ? null : `${result.code ?? 'no answer'} ${result.response}`.slice(0, 500);
  }
  await db.$transaction([
    db.newsletterDelivery.create({
      data: { sendId: send.id, subscriberId: null, status, attempts: 1, error, sentAt: status === 'SENT' ? new Date() : null },
    }),
    db.newsletterSend.update({ where: { id: send.id }, data: { status: 'DONE', finishedAt: new Date() } }),
  ]);
  return 1;
}

type Claimed = { id: string; subscriberId: string | null; email: string | null; eligible: boolean };

/**
 * Claims up to `limit` pending deliveries of a send for this process (`claimedBy`: its liveness key),
 * committed before any message goes: each becomes SENDING with its Message-ID fixed, or SKIPPED when
 * its subscriber unsubscribed, was suppressed or deleted their data since the send was prepared.
 */
async function claimDeliveries(
  db: Db,
  sendId: string,
  { key, limit, host }: { key: number; limit: number; host: string },
): Promise<Claimed[]> {
  return db.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<Claimed[]>`
      SELECT d.id, d."subscriberId", s.email,
             (s.status = 'ACTIVE' AND ns.status = 'ACTIVE') IS TRUE AS eligible
      FROM "NewsletterDelivery" d
      JOIN "NewsletterSend" n ON n.id = d."sendId"
      LEFT JOIN "Subscriber" s ON s.id = d."subscriberId"
      LEFT JOIN "NewsletterSubscription" ns ON ns."subscriberId" = d."subscriberId" AND ns."newsletterId" = n."newsletterId"
      WHERE d."sendId" = ${sendId} AND d.status = 'PENDING' AND (d."notBefore" IS NULL OR d."notBefore" <= now())
      ORDER BY d.id LIMIT ${limit}
      FOR UPDATE OF d SKIP LOCKED`;
    const go = rows.filter((r) => r.eligible).map((r) => r.id);
    const skip = rows.filter((r) => !r.eligible).map((r) => r.id);
    if (go.length)
      await tx.$executeRaw`
        UPDATE "NewsletterDelivery" SET status = 'SENDING', "claimedBy" = ${key}, attempts = attempts + 1,
          "messageId" = '<send.' || "sendId" || '.' || "subscriberId" || '@' || ${host} || '>'
        WHERE id = ANY(${go}::text[])`;
    if (skip.length) await tx.$executeRaw`UPDATE "NewsletterDelivery" SET status = 'SKIPPED' WHERE id = ANY(${skip}::text[])`;
    return rows.filter((r) => r.eligible);
  });
}

/** Records what the SMTP server said of one message: sent, failed (suppressing the address on a hard bounce or complaint), or pending again later. */
async function recordResult(
  db: Db,
  delivery: Claimed,
  result: SendResult,
  { key, attempts, retryMs }: { key: number; attempts: number; retryMs: number },
) {
  const mine = { id: delivery.id, status: 'SENDING' as const, claimedBy: key };
  if (result.ok) {
    await db.newsletterDelivery.updateMany({ where: mine, data: { status: 'SENT', sentAt: new Date(), error: null, claimedBy: null } });
    return;
  }
  const reason = `${result.code ?? 'no answer'} ${result.response}`.slice(0, 500);
  const kind = classifySmtpFailure(result.code, result.response);
  if (kind === 'soft' && attempts < MAX_ATTEMPTS) {
    await db.newsletterDelivery.updateMany({
      where: mine,
      data: { status: 'PENDING', claimedBy: null, error: reason, notBefore: new Date(Date.now() + retryMs) },
    });
    return;
  }
  await db.$transaction(async (tx) => {
    await tx.newsletterDelivery.updateMany({ where: mine, data: { status: 'FAILED', claimedBy: null, error: `${kind}: ${reason}` } });
    if ((kind === 'hard-bounce' || kind === 'complaint') && delivery.subscriberId)
      await tx.subscriber.updateMany({
        where: { id: delivery.subscriberId, status: 'ACTIVE' },
        data: { status: kind === 'complaint' ? 'COMPLAINED' : 'BOUNCED', suppressedReason: reason },
      });
  });
}

/** Settings for tests: the wait before a soft failure's retry. */
export type BatchSettings = { retryMs?: number };

/**
 * The `newsletter.batch` job: claims up to 100 pending deliveries of the send (SKIP LOCKED, so batch
 * jobs of one send share the recipients and never take the same one), sends each through the pooled
 * transport and records each result as the server answers. A delivery is SENT exactly when the server
 * accepted it; one whose process died while it was SENDING is taken over by `resumeSends` and sent
 * again with the same Message-ID (ADR 0014). When none is left, the send is done (`finishSend`).
 */
export async function sendBatch(db: Db, { sendId }: SendJob, site: SiteContext & { key: number }, settings: BatchSettings = {}) {
  const send = await db.newsletterSend.findUnique({ where: { id: sendId }, include: { newsletter: true } });
  if (!send || send.status !== 'SENDING') return;
  const host = new URL(site.siteUrl).hostname;
  const claimed = await claimDeliveries(db, sendId, { key: site.key, limit: BATCH, host });
  const attempts = new Map(
    (await db.newsletterDelivery.findMany({ where: { id: { in: claimed.map((c) => c.id) } }, select: { id: true, attempts: true } })).map(
      (d) => [d.id, d.attempts],
    ),
  );
  await Promise.all(
    claimed.map(async (delivery) => {
      const message = personalise(send, { id: delivery.subscriberId!, email: delivery.email! }, site);
      const result = await sendEmail(message);
      await recordResult(db, delivery, result, {
        key: site.key,
        attempts: attempts.get(delivery.id) ?? 1,
        retryMs: settings.retryMs ?? SOFT_RETRY_MS,
      });
    }),
  );
  await finishSend(db, sendId);
}

/**
 * Marks a send done once no delivery is pending or being sent, and records `newsletter.sent` (a webhook
 * event) with its tally, once. A send with deliveries waiting for a retry gets a batch job for then.
 */
export async function finishSend(db: Db, sendId: string) {
  const open = await db.newsletterDelivery.groupBy({
    by: ['status'],
    where: { sendId, status: { in: ['PENDING', 'SENDING'] } },
    _count: true,
  });
  if (open.length > 0) {
    const next = await db.newsletterDelivery.findFirst({
      where: { sendId, status: 'PENDING', notBefore: { gt: new Date() } },
      orderBy: { notBefore: 'asc' },
      select: { notBefore: true },
    });
    const due = await db.newsletterDelivery.count({
      where: { sendId, status: 'PENDING', OR: [{ notBefore: null }, { notBefore: { lte: new Date() } }] },
    });
    if (next?.notBefore && due === 0)
      await enqueueSendJobs(null, [
        {
          name: QUEUE_NAMES.newsletterBatch,
          key: [sendId, 'retry', next.notBefore.getTime()],
          data: { sendId },
          startAfter: next.notBefore,
        },
      ]);
    return;
  }
  await db.$transaction(async (tx) => {
    const { count } = await tx.newsletterSend.updateMany({
      where: { id: sendId, status: 'SENDING' },
      data: { status: 'DONE', finishedAt: new Date() },
    });
    if (count === 0) return;
    const tally = await tx.newsletterDelivery.groupBy({ by: ['status'], where: { sendId }, _count: true });
    await recordChange(tx, {
      actor: null,
      action: 'newsletter.sent',
      targetType: 'NewsletterSend',
      targetId: sendId,
      detail: Object.fromEntries(tally.map((t) => [t.status.toLowerCase(), t._count])),
      content: null,
    });
  });
}

/**
 * What a crash left behind, picked up by every instance every few seconds: deliveries claimed by a
 * process that is gone (its liveness lock released: it died, even by `kill -9`) become PENDING again,
 * keeping their Message-ID; sends still sending get a batch job for what is due (one per send a
 * minute at most); sends with nothing left are finished; sends still being prepared a minute after
 * they were made are prepared again. Returns how many deliveries were taken over.
 */
export async function resumeSends(db: Db, { now = new Date() }: { now?: Date } = {}): Promise<number> {
  const released = await db.$executeRawUnsafe(
    `UPDATE "NewsletterDelivery" d SET status = 'PENDING', "claimedBy" = NULL
     WHERE d."sendId" IN (SELECT id FROM "NewsletterSend" WHERE status = 'SENDING') AND d.status = 'SENDING' AND ${claimHolderIsGone('d."claimedBy"')}`,
  );
  const sending = await db.newsletterSend.findMany({ where: { status: 'SENDING' }, select: { id: true } });
  const minute = Math.floor(now.getTime() / 60_000);
  for (const { id } of sending) {
    const due = await db.newsletterDelivery.count({
      where: { sendId: id, status: 'PENDING', OR: [{ notBefore: null }, { notBefore: { lte: now } }] },
    });
    if (due > 0) await enqueueSendJobs(null, [{ name: QUEUE_NAMES.newsletterBatch, key: [id, 'resume', minute], data: { sendId: id } }]);
    else await finishSend(db, id);
  }
  const stuck = await db.newsletterSend.findMany({
    where: { status: 'PREPARING', createdAt: { lt: new Date(now.getTime() - 60_000) } },
    select: { id: true },
  });
  await enqueueSendJobs(
    null,
    stuck.map((s) => ({ name: QUEUE_NAMES.newsletterPrepare, key: [s.id, 'resume', minute], data: { sendId: s.id } })),
  );
  return released;
}

/** The UTC day of `now` as YYYY-MM-DD, and the minutes since its midnight. Pure. */
export function digestClock(now: Date): { day: string; minute: number } {
  return { day: now.toISOString().slice(0, 10), minute: now.getUTCHours() * 60 + now.getUTCMinutes() };
}

/**
 * Makes today's send of every enabled digest newsletter whose time has come and that existed then (once a day each:
 * `dedupeKey` is the day, so every instance may call it every minute), with the articles of its
 * sections published in the 24 hours before; a day without any sends nothing. Returns the sends made.
 */
export async function queueDueDigests(db: Db, { now = new Date() }: { now?: Date } = {}): Promise<number> {
  const { day, minute } = digestClock(now);
  const midnight = new Date(`${day}T00:00:00.000Z`);
  const due = await db.newsletter.findMany({
    where: { enabled: true, mode: 'DIGEST', digestMinute: { lte: minute }, sends: { none: { dedupeKey: `digest:${day}` } } },
    select: { id: true, createdAt: true, digestMinute: true, sections: { select: { sectionId: true } } },
  });
  // A digest made after today's time starts tomorrow, instead of going out the moment it is saved.
  const started = due.filter((n) => n.createdAt.getTime() <= midnight.getTime() + n.digestMinute * 60_000);
  let made = 0;
  for (const n of started) {
    const articles = await db.article.findMany({
      where: {
        AND: [publishedWhere(now), { publishedAt: { gt: new Date(now.getTime() - 24 * 3600_000) } }],
        ...(n.sections.length ? { sectionId: { in: n.sections.map((s) => s.sectionId) } } : {}),
      },
      orderBy: { publishedAt: 'desc' },
      take: 20,
      select: { id: true },
    });
    if (articles.length === 0) continue;
    await db.$transaction(async (tx) => {
      const created = await tx.newsletterSend.createManyAndReturn({
        data: [{ newsletterId: n.id, kind: 'DIGEST', articleIds: articles.map((a) => a.id), dedupeKey: `digest:${day}` }],
        skipDuplicates: true,
        select: { id: true },
      });
      made += created.length;
      await enqueueSendJobs(
        tx,
        created.map((s) => ({ name: QUEUE_NAMES.newsletterPrepare, key: [s.id], data: { sendId: s.id } })),
      );
    });
  }
  return made;
}
