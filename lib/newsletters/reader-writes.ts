import 'server-only';
import { RateLimiterPrisma, RateLimiterRes } from 'rate-limiter-flexible';
import { getDb, type Db } from '@/lib/db';
import { getEnv } from '@/lib/env';
import { AppError } from '@/lib/errors';
import { parseInput } from '@/lib/operations/operation';
import { QUEUE_NAMES } from '@/lib/queue/boss';
import { renderConfirmEmail } from '@/lib/newsletters/confirm-email';
import { sendEmail } from '@/lib/newsletters/mailer';
import { preferencesSchema, subscribeSchema } from '@/lib/newsletters/schemas';
import { enqueueSendJobs, type SiteContext } from '@/lib/newsletters/sends';
import { signReaderToken, verifyReaderToken, type ReaderToken, type TokenPurpose } from '@/lib/newsletters/tokens';
import { absoluteUrlOn, newsletterRoutes } from '@/lib/routes';

/** At most one confirmation email per address in this window, however often the form is sent for it. */
const CONFIRM_WINDOW_MS = 10 * 60_000;

/** The site's name, URL and the secret reader links are signed with (AUTH_SECRET), or INVALID naming what is missing. */
export function siteContext(): SiteContext {
  const env = getEnv();
  if (!env.AUTH_SECRET || env.AUTH_SECRET.length < 16)
    throw new AppError('INVALID', 'Newsletters need AUTH_SECRET (at least 16 characters) to sign reader links.');
  return { siteUrl: env.siteUrl, siteName: env.SITE_NAME, secret: env.AUTH_SECRET, unsubscribeMailto: env.NEWSLETTER_UNSUBSCRIBE_MAILTO };
}

const limiters = new WeakMap<Db, RateLimiterPrisma>();

/**
 * Counts one sign-up from `ip` (in PostgreSQL, across instances); false when the address has used its
 * hour's allowance. With no address known, or when the count cannot be kept, the sign-up is allowed.
 */
export async function allowSignup(ip: string | null, db: Db = getDb()): Promise<boolean> {
  if (!ip) return true;
  let limiter = limiters.get(db);
  if (!limiter)
    limiters.set(
      db,
      (limiter = new RateLimiterPrisma({
        storeClient: db,
        tableName: 'apiRateLimit',
        keyPrefix: 'signup',
        // NEWSLETTER_SIGNUPS_PER_HOUR (20): plenty for a household or an office, too few to mail-bomb anyone with.
        points: getEnv().NEWSLETTER_SIGNUPS_PER_HOUR,
        duration: 3600,
      })),
    );
  try {
    await limiter.consume(ip, 1);
    return true;
  } catch (error) {
    if (error instanceof RateLimiterRes) return false;
    console.error('[newsletters] sign-up count failed; allowed', error instanceof Error ? error.message : error);
    return true;
  }
}

/**
 * A reader asks for newsletters (the site's form; no actor). The address gets a subscription PENDING
 * for each chosen enabled newsletter it does not already have (an unsubscribed one asks again), and a
 * confirmation email is queued (one per address per ten minutes); nothing else is sent until the
 * link is followed. The answer is the same whether or not the address was known, subscribed or
 * suppressed, so the form tells nobody who reads what. INVALID for a bad address or no newsletter.
 */
export async function subscribeReader({ db = getDb(), input, now = new Date() }: { db?: Db; input: unknown; now?: Date }): Promise<void> {
  const { email, newsletterIds } = parseInput(subscribeSchema, input);
  const newsletters = await db.newsletter.findMany({ where: { id: { in: newsletterIds }, enabled: true }, select: { id: true } });
  if (newsletters.length === 0)
    throw new AppError('INVALID', 'Choose at least one newsletter.', { newsletterIds: ['Choose at least one newsletter.'] });
  await db.$transaction(async (tx) => {
    const [subscriber] = await tx.$queryRaw<{ id: string; status: string }[]>`
      INSERT INTO "Subscriber" (id, email, "updatedAt") VALUES ('sb' || replace(gen_random_uuid()::text, '-', ''), ${email}, now())
      ON CONFLICT (email) DO UPDATE SET "updatedAt" = now()
      RETURNING id, status::text`;
    const ids = newsletters.map((n) => n.id);
    await tx.$executeRaw`
      INSERT INTO "NewsletterSubscription" ("subscriberId", "newsletterId", status)
      SELECT ${subscriber!.id}, unnest(${ids}::text[]), 'PENDING'
      ON CONFLICT ("subscriberId", "newsletterId") DO UPDATE SET status = 'PENDING', "createdAt" = now(), "unsubscribedAt" = NULL
      WHERE "NewsletterSubscription".status = 'UNSUBSCRIBED'`;
    if (subscriber!.status !== 'ACTIVE') return; // a bounced or complaining address gets no mail at all
    const pending = await tx.newsletterSubscription.count({ where: { subscriberId: subscriber!.id, status: 'PENDING' } });
    if (pending === 0) return;
    await enqueueSendJobs(tx, [
      {
        name: QUEUE_NAMES.newsletterConfirm,
        key: [subscriber!.id, Math.floor(now.getTime() / CONFIRM_WINDOW_MS)],
        data: { subscriberId: subscriber!.id },
      },
    ]);
  });
}

/** The `newsletter.confirm` job: emails the subscriber the link confirming every subscription still pending (none: nothing). */
export async function sendConfirmation(db: Db, { subscriberId }: { subscriberId: string }, site: SiteContext): Promise<boolean> {
  const subscriber = await db.subscriber.findUnique({
    where: { id: subscriberId },
    include: {
      subscriptions: {
        where: { status: 'PENDING' },
        include: { newsletter: { select: { id: true, name: true, senderName: true, senderEmail: true } } },
      },
    },
  });
  if (!subscriber || subscriber.status !== 'ACTIVE' || subscriber.subscriptions.length === 0) return false;
  const newsletters = subscriber.subscriptions.map((s) => s.newsletter);
  const token = signReaderToken({ purpose: 'confirm', subscriberId, newsletterIds: newsletters.map((n) => n.id), secret: site.secret });
  const email = renderConfirmEmail({
    siteName: site.siteName,
    newsletters: newsletters.map((n) => n.name),
    confirmUrl: absoluteUrlOn(site.siteUrl, newsletterRoutes.confirm(token)),
  });
  const result = await sendEmail({
    from: { name: newsletters[0]!.senderName, address: newsletters[0]!.senderEmail },
    to: subscriber.email,
    ...email,
  });
  if (!result.ok) throw new Error(`The confirmation email was refused: ${result.code ?? ''} ${result.response}`);
  return true;
}

/** A reader link's token, verified for its purpose, or NOT_FOUND ("this link does not work") for anything else. */
export function readerTokenOrThrow(token: unknown, purpose: TokenPurpose, site: Pick<SiteContext, 'secret'>): ReaderToken {
  const verified = verifyReaderToken(token, { purpose, secret: site.secret });
  if (!verified) throw new AppError('NOT_FOUND', 'This link does not work: it may be incomplete or out of date.');
  return verified;
}

const named = (ids: string[] | 'all') => (ids === 'all' ? {} : { newsletterId: { in: ids } });

/**
 * Follows a confirmation link: the subscriptions it names that are still pending become active (a
 * second click changes nothing). Returns the subscriber's id; NOT_FOUND for a bad or expired link or
 * a subscriber who deleted their data.
 */
export async function confirmSubscription({ db = getDb(), token, site }: { db?: Db; token: unknown; site: SiteContext }): Promise<string> {
  const { subscriberId, newsletterIds } = readerTokenOrThrow(token, 'confirm', site);
  return db.$transaction(async (tx) => {
    const subscriber = await tx.subscriber.findUnique({ where: { id: subscriberId }, select: { id: true } });
    if (!subscriber) throw new AppError('NOT_FOUND', 'This link does not work any more.');
    const now = new Date();
    await tx.newsletterSubscription.updateMany({
      where: { subscriberId, status: 'PENDING', ...named(newsletterIds) },
      data: { status: 'ACTIVE', confirmedAt: now },
    });
    await tx.subscriber.updateMany({ where: { id: subscriberId, confirmedAt: null }, data: { confirmedAt: now } });
    return subscriberId;
  });
}

/**
 * Unsubscribes from the newsletters an unsubscribe token names (one click, RFC 8058: no session, no
 * confirmation page needed); unsubscribing twice is fine. Returns the subscriber's id; NOT_FOUND for a bad link.
 */
export async function unsubscribeByToken({ db = getDb(), token, site }: { db?: Db; token: unknown; site: SiteContext }): Promise<string> {
  const { subscriberId, newsletterIds } = readerTokenOrThrow(token, 'unsubscribe', site);
  await db.newsletterSubscription.updateMany({
    where: { subscriberId, status: { in: ['ACTIVE', 'PENDING'] }, ...named(newsletterIds) },
    data: { status: 'UNSUBSCRIBED', unsubscribedAt: new Date() },
  });
  return subscriberId;
}

/** The preferences page's data: the subscriber's address and each enabled newsletter with whether they get it. */
export async function getPreferences({ db = getDb(), token, site }: { db?: Db; token: unknown; site: SiteContext }) {
  const { subscriberId } = readerTokenOrThrow(token, 'preferences', site);
  const subscriber = await db.subscriber.findUnique({ where: { id: subscriberId }, include: { subscriptions: true } });
  if (!subscriber) throw new AppError('NOT_FOUND', 'This link does not work any more: the data behind it was deleted.');
  const newsletters = await db.newsletter.findMany({
    where: { OR: [{ enabled: true }, { id: { in: subscriber.subscriptions.map((s) => s.newsletterId) } }] },
    orderBy: [{ position: 'asc' }, { name: 'asc' }],
    select: { id: true, name: true, description: true, enabled: true },
  });
  const status = new Map(subscriber.subscriptions.map((s) => [s.newsletterId, s.status]));
  return {
    email: subscriber.email,
    suppressed: subscriber.status !== 'ACTIVE',
    newsletters: newsletters.map((n) => ({ ...n, status: status.get(n.id) ?? null })),
  };
}

/**
 * Saves the preferences page: the subscriber gets exactly the chosen enabled newsletters (the link came
 * from their own inbox, so a newsletter added here needs no second confirmation); the rest are unsubscribed.
 */
export async function savePreferences({
  db = getDb(),
  token,
  input,
  site,
}: {
  db?: Db;
  token: unknown;
  input: unknown;
  site: SiteContext;
}) {
  const { subscriberId } = readerTokenOrThrow(token, 'preferences', site);
  const { newsletterIds } = parseInput(preferencesSchema, input);
  await db.$transaction(async (tx) => {
    const subscriber = await tx.subscriber.findUnique({ where: { id: subscriberId }, select: { id: true } });
    if (!subscriber) throw new AppError('NOT_FOUND', 'This link does not work any more.');
    const chosen = (await tx.newsletter.findMany({ where: { id: { in: newsletterIds }, enabled: true }, select: { id: true } })).map(
      (n) => n.id,
    );
    const now = new Date();
    await tx.newsletterSubscription.updateMany({
      where: { subscriberId, newsletterId: { notIn: chosen }, status: { in: ['ACTIVE', 'PENDING'] } },
      data: { status: 'UNSUBSCRIBED', unsubscribedAt: now },
    });
    await tx.$executeRaw`
      INSERT INTO "NewsletterSubscription" ("subscriberId", "newsletterId", status, "confirmedAt")
      SELECT ${subscriberId}, unnest(${chosen}::text[]), 'ACTIVE', ${now}
      ON CONFLICT ("subscriberId", "newsletterId") DO UPDATE SET status = 'ACTIVE', "confirmedAt" = ${now}, "unsubscribedAt" = NULL
      WHERE "NewsletterSubscription".status <> 'ACTIVE'`;
  });
}

/** Everything Masthead holds about a subscriber, as JSON for them to download (GDPR art. 15 and 20). */
export async function exportSubscriberData({ db = getDb(), token, site }: { db?: Db; token: unknown; site: SiteContext }) {
  const { subscriberId } = readerTokenOrThrow(token, 'preferences', site);
  const subscriber = await db.subscriber.findUnique({
    where: { id: subscriberId },
    include: {
      subscriptions: { include: { newsletter: { select: { name: true } } } },
      deliveries: { orderBy: { sentAt: 'desc' }, take: 1_000, include: { send: { select: { subject: true, createdAt: true } } } },
    },
  });
  if (!subscriber) throw new AppError('NOT_FOUND', 'This link does not work any more: the data behind it was deleted.');
  return {
    email: subscriber.email,
    status: subscriber.status,
    suppressedReason: subscriber.suppressedReason,
    createdAt: subscriber.createdAt.toISOString(),
    confirmedAt: subscriber.confirmedAt?.toISOString() ?? null,
    subscriptions: subscriber.subscriptions.map((s) => ({
      newsletter: s.newsletter.name,
      status: s.status,
      createdAt: s.createdAt.toISOString(),
      confirmedAt: s.confirmedAt?.toISOString() ?? null,
      unsubscribedAt: s.unsubscribedAt?.toISOString() ?? null,
    })),
    emails: subscriber.deliveries.map((d) => ({ subject: d.send.subject, status: d.status, sentAt: d.sentAt?.toISOString() ?? null })),
  };
}

/**
 * Deletes a subscriber's address and subscriptions for good (GDPR art. 17); the send logs keep their
 * counts without the address. Deleting twice is NOT_FOUND the second time.
 */
export async function deleteSubscriberData({ db = getDb(), token, site }: { db?: Db; token: unknown; site: SiteContext }) {
  const { subscriberId } = readerTokenOrThrow(token, 'preferences', site);
  const { count } = await db.subscriber.deleteMany({ where: { id: subscriberId } });
  if (count === 0) throw new AppError('NOT_FOUND', 'This link does not work any more: the data behind it was deleted.');
}
