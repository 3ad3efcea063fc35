import 'server-only';
import { assertCan } from '@/lib/auth/permissions';
import { publishedWhere } from '@/lib/articles/published';
import { AppError } from '@/lib/errors';
import type { Prisma } from '@/lib/generated/prisma/client';
import { dbOf, parseInput, recordChange, type OperationArgs, type Outcome } from '@/lib/operations/operation';
import { isUniqueViolation } from '@/lib/operations/unique-slug';
import { contentScope } from '@/lib/operations/content-scope';
import { getBoss, QUEUE_NAMES } from '@/lib/queue/boss';
import { createNewsletterSchema, newsletterRefSchema, sendArticleSchema, updateNewsletterSchema } from '@/lib/newsletters/schemas';
import { enqueueSendJobs, type SendJob } from '@/lib/newsletters/sends';

type Tx = Prisma.TransactionClient;

// The sign-up forms on reader pages list the newsletters: every change to one purges the pages with a form.
const SIGNUP_FORMS = contentScope({ newsletters: true });

const SLUG_TAKEN = () =>
  new AppError('INVALID', 'Another newsletter has this slug.', { slug: ['Another newsletter has this slug. Choose another.'] });

async function assertSectionsExist(tx: Tx, sectionIds: string[]) {
  if (sectionIds.length === 0) return;
  const found = await tx.section.count({ where: { id: { in: sectionIds } } });
  if (found !== sectionIds.length)
    throw new AppError('INVALID', 'A chosen section no longer exists.', {
      sectionIds: ['Reload the page: a chosen section no longer exists.'],
    });
}

const fieldsOf = (data: {
  name: string;
  slug: string;
  description: string;
  mode: 'EACH_ARTICLE' | 'DIGEST';
  digestTime: number;
  fullText: boolean;
  senderName: string;
  senderEmail: string;
  enabled: boolean;
}) => ({
  name: data.name,
  slug: data.slug,
  description: data.description,
  mode: data.mode,
  digestMinute: data.digestTime,
  fullText: data.fullText,
  senderName: data.senderName,
  senderEmail: data.senderEmail,
  enabled: data.enabled,
});

/** Creates a newsletter (`manage:newsletters`): readers may subscribe to it at once if enabled. Audited `newsletter.created`. */
export async function createNewsletter(ctx: OperationArgs): Promise<Outcome<{ id: string; newsletterId: string }>> {
  const { actor, ip } = ctx;
  assertCan(actor, 'manage:newsletters');
  const data = parseInput(createNewsletterSchema, ctx.input);
  return dbOf(ctx)
    .$transaction(async (tx) => {
      await assertSectionsExist(tx, data.sectionIds);
      if (await tx.newsletter.findUnique({ where: { slug: data.slug }, select: { id: true } })) throw SLUG_TAKEN();
      const newsletter = await tx.newsletter.create({
        data: { ...fieldsOf(data), sections: { create: data.sectionIds.map((sectionId) => ({ sectionId })) } },
      });
      const change = await recordChange(tx, {
        actor,
        ip,
        action: 'newsletter.created',
        targetType: 'Newsletter',
        targetId: newsletter.id,
        detail: { name: data.name, mode: data.mode },
        content: SIGNUP_FORMS,
      });
      return { result: { id: newsletter.id, newsletterId: newsletter.id }, change };
    })
    .catch((error: unknown) => {
      if (isUniqueViolation(error)) throw SLUG_TAKEN();
      throw error;
    });
}

/** Changes a newsletter at the version the editor saw (CONFLICT otherwise). Audited `newsletter.updated`. */
export async function updateNewsletter(ctx: OperationArgs): Promise<Outcome<{ id: string; newsletterId: string; version: number }>> {
  const { actor, ip } = ctx;
  assertCan(actor, 'manage:newsletters');
  const data = parseInput(updateNewsletterSchema, ctx.input);
  return dbOf(ctx)
    .$transaction(async (tx) => {
      await assertSectionsExist(tx, data.sectionIds);
      const clash = await tx.newsletter.findUnique({ where: { slug: data.slug }, select: { id: true } });
      if (clash && clash.id !== data.newsletterId) throw SLUG_TAKEN();
      const { count } = await tx.newsletter.updateMany({
        where: { id: data.newsletterId, version: data.version },
        data: { ...fieldsOf(data), version: { increment: 1 } },
      });
      if (count === 0) {
        if (!(await tx.newsletter.findUnique({ where: { id: data.newsletterId }, select: { id: true } })))
          throw new AppError('NOT_FOUND', 'No such newsletter.');
        throw new AppError('CONFLICT');
      }
      await tx.newsletterSection.deleteMany({ where: { newsletterId: data.newsletterId } });
      await tx.newsletterSection.createMany({ data: data.sectionIds.map((sectionId) => ({ newsletterId: data.newsletterId, sectionId })) });
      const change = await recordChange(tx, {
        actor,
        ip,
        action: 'newsletter.updated',
        targetType: 'Newsletter',
        targetId: data.newsletterId,
        detail: { name: data.name, mode: data.mode, enabled: data.enabled },
        content: SIGNUP_FORMS,
      });
      return { result: { id: data.newsletterId, newsletterId: data.newsletterId, version: data.version + 1 }, change };
    })
    .catch((error: unknown) => {
      if (isUniqueViolation(error)) throw SLUG_TAKEN();
      throw error;
    });
}

/** Deletes a newsletter with its subscriptions and send logs (subscribers keep their other newsletters). Audited `newsletter.deleted`. */
export async function deleteNewsletter(ctx: OperationArgs): Promise<Outcome<{ id: string; newsletterId: string }>> {
  const { actor, ip } = ctx;
  assertCan(actor, 'manage:newsletters');
  const { newsletterId } = parseInput(newsletterRefSchema, ctx.input);
  return dbOf(ctx).$transaction(async (tx) => {
    const newsletter = await tx.newsletter.findUnique({ where: { id: newsletterId }, select: { id: true, name: true } });
    if (!newsletter) throw new AppError('NOT_FOUND', 'No such newsletter.');
    await tx.newsletter.delete({ where: { id: newsletterId } });
    const change = await recordChange(tx, {
      actor,
      ip,
      action: 'newsletter.deleted',
      targetType: 'Newsletter',
      targetId: newsletterId,
      detail: { name: newsletter.name },
      content: SIGNUP_FORMS,
    });
    return { result: { id: newsletterId, newsletterId }, change };
  });
}

async function publishedArticleOrThrow(tx: Tx, articleId: string) {
  const article = await tx.article.findFirst({
    where: { AND: [publishedWhere(), { id: articleId }] },
    select: { id: true, headline: true },
  });
  if (!article) throw new AppError('INVALID', 'Choose a published article.', { articleId: ['Choose a published article.'] });
  return article;
}

async function newsletterOrThrow(tx: Tx, newsletterId: string) {
  const newsletter = await tx.newsletter.findUnique({ where: { id: newsletterId }, select: { id: true, name: true, enabled: true } });
  if (!newsletter) throw new AppError('NOT_FOUND', 'No such newsletter.');
  return newsletter;
}

/** How long a test send lets its editor send the same article to everyone. */
const TEST_VALID_MS = 24 * 3600_000;

/**
 * Sends one published article of a newsletter to the editor alone, as subscribers would get it (the
 * queue renders and sends it within seconds; the send log shows it). Audited `newsletter.test-sent`.
 */
export async function sendNewsletterTest(ctx: OperationArgs): Promise<Outcome<{ id: string; newsletterId: string; to: string }>> {
  const { actor, ip } = ctx;
  assertCan(actor, 'manage:newsletters');
  const { newsletterId, articleId } = parseInput(sendArticleSchema, ctx.input);
  await getBoss(); // started outside the transaction (a first start creates pg-boss's schema)
  return dbOf(ctx).$transaction(async (tx) => {
    await newsletterOrThrow(tx, newsletterId);
    const article = await publishedArticleOrThrow(tx, articleId);
    const send = await tx.newsletterSend.create({
      data: { newsletterId, kind: 'TEST', articleId, articleIds: [articleId], testEmail: actor.email, createdById: actor.id },
    });
    await enqueueSendJobs(tx, [{ name: QUEUE_NAMES.newsletterPrepare, key: [send.id], data: { sendId: send.id } satisfies SendJob }]);
    const change = await recordChange(tx, {
      actor,
      ip,
      action: 'newsletter.test-sent',
      targetType: 'NewsletterSend',
      targetId: send.id,
      detail: { newsletterId, articleId, headline: article.headline, to: actor.email },
      content: null,
    });
    return { result: { id: send.id, newsletterId, to: actor.email }, change };
  });
}

/**
 * Sends one published article to every subscriber of a newsletter, by hand. The editor must have sent
 * themselves a test of it in the last day; a newsletter sends an article once (on publish or by hand).
 * Audited `newsletter.send-queued`.
 */
export async function sendNewsletterArticle(ctx: OperationArgs): Promise<Outcome<{ id: string; newsletterId: string }>> {
  const { actor, ip } = ctx;
  assertCan(actor, 'manage:newsletters');
  const { newsletterId, articleId } = parseInput(sendArticleSchema, ctx.input);
  await getBoss();
  return dbOf(ctx).$transaction(async (tx) => {
    const newsletter = await newsletterOrThrow(tx, newsletterId);
    if (!newsletter.enabled) throw new AppError('INVALID', 'Enable the newsletter before sending it.');
    const article = await publishedArticleOrThrow(tx, articleId);
    const tested = await tx.newsletterSend.count({
      where: { newsletterId, articleId, kind: 'TEST', createdById: actor.id, createdAt: { gt: new Date(Date.now() - TEST_VALID_MS) } },
    });
    if (tested === 0)
      throw new AppError('INVALID', 'Send yourself a test of this article first.', {
        articleId: ['Send yourself a test of this article first.'],
      });
    const [send] = await tx.newsletterSend.createManyAndReturn({
      data: [
        { newsletterId, kind: 'ARTICLE', articleId, articleIds: [articleId], dedupeKey: `article:${articleId}`, createdById: actor.id },
      ],
      skipDuplicates: true,
      select: { id: true },
    });
    if (!send)
      throw new AppError('INVALID', 'This article has already gone to this newsletter.', {
        articleId: ['This article has already gone to this newsletter.'],
      });
    await enqueueSendJobs(tx, [{ name: QUEUE_NAMES.newsletterPrepare, key: [send.id], data: { sendId: send.id } satisfies SendJob }]);
    const change = await recordChange(tx, {
      actor,
      ip,
      action: 'newsletter.send-queued',
      targetType: 'NewsletterSend',
      targetId: send.id,
      detail: { newsletterId, articleId, headline: article.headline },
      content: null,
    });
    return { result: { id: send.id, newsletterId }, change };
  });
}
