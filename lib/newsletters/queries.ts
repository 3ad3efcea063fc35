import 'server-only';
import type { Actor } from '@/lib/auth/actor';
import { can } from '@/lib/auth/permissions';
import { publishedWhere } from '@/lib/articles/published';
import { readerQuery } from '@/lib/cache/cached';
import { NEWSLETTERS } from '@/lib/cache/tags';
import { getDb } from '@/lib/db';
import { AppError } from '@/lib/errors';

/**
 * The newsletters readers may subscribe to, in order, for the sign-up forms on the front page, section
 * fronts and articles (`sectionIds`: which sections each follows, to pre-select a section's own).
 */
export function listNewslettersForReaders() {
  return readerQuery('newsletters', [], [NEWSLETTERS], async () =>
    (
      await getDb().newsletter.findMany({
        where: { enabled: true },
        orderBy: [{ position: 'asc' }, { name: 'asc' }],
        select: { id: true, name: true, description: true, mode: true, sections: { select: { sectionId: true } } },
      })
    ).map((n) => ({ id: n.id, name: n.name, description: n.description, mode: n.mode, sectionIds: n.sections.map((s) => s.sectionId) })),
  );
}

export type ReaderNewsletter = Awaited<ReturnType<typeof listNewslettersForReaders>>[number];

const assertManager = (actor: Actor) => {
  if (!can(actor, 'manage:newsletters')) throw new AppError('FORBIDDEN');
};

/**
 * Every newsletter (or the one `newsletterId` names) with its subscriber counts (active, awaiting
 * confirmation), for the dashboard. Editors and admins.
 */
export async function listNewslettersForManagement({ actor, newsletterId }: { actor: Actor; newsletterId?: string }) {
  assertManager(actor);
  const db = getDb();
  const where = newsletterId === undefined ? {} : { id: newsletterId };
  const [newsletters, counts] = await Promise.all([
    db.newsletter.findMany({ where, orderBy: [{ position: 'asc' }, { name: 'asc' }], include: { sections: { select: { sectionId: true } } } }),
    db.newsletterSubscription.groupBy({ by: ['newsletterId', 'status'], where: newsletterId === undefined ? {} : { newsletterId }, _count: true }),
  ]);
  const count = (id: string, status: string) => counts.find((c) => c.newsletterId === id && c.status === status)?._count ?? 0;
  return newsletters.map((n) => ({ ...n, active: count(n.id, 'ACTIVE'), pending: count(n.id, 'PENDING') }));
}

export type ManagedNewsletter = Awaited<ReturnType<typeof listNewslettersForManagement>>[number];

/** How many sends the log shows. */
const SENDS_SHOWN = 30;

/**
 * One newsletter with its send log, newest first: each send's recipients, how many were delivered,
 * failed (with the reasons) or skipped, and how many of its recipients have unsubscribed since. Editors and admins.
 */
export async function getNewsletterSendLog({ actor, newsletterId }: { actor: Actor; newsletterId: string }) {
  assertManager(actor);
  const db = getDb();
  const newsletter = await db.newsletter.findUnique({
    where: { id: newsletterId },
    include: { sections: { select: { sectionId: true } } },
  });
  if (!newsletter) throw new AppError('NOT_FOUND', 'No such newsletter.');
  const sends = await db.newsletterSend.findMany({
    where: { newsletterId },
    orderBy: { createdAt: 'desc' },
    take: SENDS_SHOWN,
    select: {
      id: true,
      kind: true,
      status: true,
      subject: true,
      recipients: true,
      testEmail: true,
      createdAt: true,
      finishedAt: true,
      article: { select: { headline: true } },
    },
  });
  const ids = sends.map((s) => s.id);
  const [tallies, failures, unsubscribed] = await Promise.all([
    db.newsletterDelivery.groupBy({ by: ['sendId', 'status'], where: { sendId: { in: ids } }, _count: true }),
    db.newsletterDelivery.findMany({
      where: { sendId: { in: ids }, status: 'FAILED' },
      select: { sendId: true, error: true, subscriber: { select: { email: true } } },
      orderBy: { id: 'asc' },
      take: 200,
    }),
    ids.length
      ? db.$queryRaw<{ sendId: string; n: bigint }[]>`
          SELECT d."sendId", count(*) AS n FROM "NewsletterDelivery" d
          JOIN "NewsletterSend" s ON s.id = d."sendId"
          JOIN "NewsletterSubscription" ns ON ns."subscriberId" = d."subscriberId" AND ns."newsletterId" = s."newsletterId"
          WHERE d."sendId" = ANY(${ids}::text[]) AND ns.status = 'UNSUBSCRIBED' AND ns."unsubscribedAt" >= s."createdAt"
          GROUP BY d."sendId"`
      : Promise.resolve([]),
  ]);
  const tally = (id: string, status: string) => tallies.find((t) => t.sendId === id && t.status === status)?._count ?? 0;
  return {
    newsletter,
    sends: sends.map((s) => ({
      ...s,
      sent: tally(s.id, 'SENT'),
      failed: tally(s.id, 'FAILED'),
      skipped: tally(s.id, 'SKIPPED'),
      waiting: tally(s.id, 'PENDING') + tally(s.id, 'SENDING'),
      unsubscribed: Number(unsubscribed.find((u) => u.sendId === s.id)?.n ?? 0),
      failures: failures.filter((f) => f.sendId === s.id).map((f) => ({ email: f.subscriber?.email ?? '(deleted)', error: f.error ?? '' })),
    })),
  };
}

/** The newest published articles, for choosing one to send by hand. Editors and admins. */
export async function listArticlesToSend({ actor }: { actor: Actor }) {
  assertManager(actor);
  return getDb().article.findMany({
    where: publishedWhere(),
    orderBy: { publishedAt: 'desc' },
    take: 50,
    select: { id: true, headline: true, publishedAt: true, section: { select: { name: true } } },
  });
}

/** The newest mail the built-in catcher took (no SMTP_URL), for admins only: it holds readers' confirmation links. */
export async function listCaughtEmails({ actor }: { actor: Actor }) {
  if (!can(actor, 'read:caught-email')) throw new AppError('FORBIDDEN');
  return getDb().caughtEmail.findMany({ orderBy: { receivedAt: 'desc' }, take: 50 });
}
