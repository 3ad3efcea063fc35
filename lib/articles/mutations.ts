import 'server-only';
import { getDb } from '@/lib/db';
import { recordAudit } from '@/lib/audit/mutations';
import type { Actor } from '@/lib/auth/actor';
import { AppError } from '@/lib/errors';
import { Prisma } from '@/lib/generated/prisma/client';
import type { ArticleStatus } from '@/lib/generated/prisma/enums';
import { emptyBody } from '@/lib/articles/body-schema';
import { decidePublishChecklist } from '@/lib/articles/decide-checklist';
import { decideCanEdit, decideTransition, type ArticleAction } from '@/lib/articles/decide-transition';
import { deriveArticleText } from '@/lib/articles/derive';
import { articleWhereFor, isOwnArticle } from '@/lib/articles/permissions';
import { articleContentSchema, type ArticleContent, type ArticleContentInput } from '@/lib/articles/schemas';
import { canEditImage } from '@/lib/media/permissions';
import { slugify } from '@/lib/text/slug';

type Tx = Prisma.TransactionClient;

/** What changed for readers, for `revalidateContent` once the transaction has committed. */
export type ContentChange = {
  articleIds: string[];
  sectionSlugs: string[];
  authorSlugs: string[];
  campaignSlugs: string[];
  tagSlugs: string[];
  /** False when nothing readers can see changed (e.g. saving a draft). */
  visible: boolean;
};

const articleForCheck = {
  id: true,
  status: true,
  deletedAt: true,
  version: true,
  slug: true,
  headline: true,
  createdById: true,
  publishedAt: true,
  standfirst: true,
  sectionId: true,
  section: { select: { slug: true } },
  campaign: { select: { slug: true } },
  heroImage: { select: { alt: true } },
  authors: { orderBy: { position: 'asc' }, select: { authorId: true, author: { select: { userId: true, slug: true } } } },
  tags: { select: { tag: { select: { slug: true } } } },
} as const satisfies Prisma.ArticleSelect;

type CheckedArticle = Prisma.ArticleGetPayload<{ select: typeof articleForCheck }>;

/** Loads an article the actor may see, or NOT_FOUND (never FORBIDDEN: others' drafts do not exist for them). */
async function loadForActorOrThrow(tx: Tx, actor: Actor, articleId: string): Promise<CheckedArticle> {
  const article = await tx.article.findFirst({ where: { AND: [{ id: articleId }, articleWhereFor(actor)] }, select: articleForCheck });
  if (!article) throw new AppError('NOT_FOUND', 'This article does not exist or you may not see it.');
  return article;
}

function changeOf(a: CheckedArticle, visible: boolean): ContentChange {
  return {
    articleIds: [a.id],
    sectionSlugs: [a.section.slug],
    authorSlugs: a.authors.map((x) => x.author.slug),
    campaignSlugs: a.campaign ? [a.campaign.slug] : [],
    tagSlugs: a.tags.map((t) => t.tag.slug),
    visible,
  };
}

function mergeChanges(a: ContentChange, b: ContentChange): ContentChange {
  const u = (x: string[], y: string[]) => [...new Set([...x, ...y])];
  return {
    articleIds: u(a.articleIds, b.articleIds),
    sectionSlugs: u(a.sectionSlugs, b.sectionSlugs),
    authorSlugs: u(a.authorSlugs, b.authorSlugs),
    campaignSlugs: u(a.campaignSlugs, b.campaignSlugs),
    tagSlugs: u(a.tagSlugs, b.tagSlugs),
    visible: a.visible || b.visible,
  };
}

const isReaderVisible = (a: { status: ArticleStatus; deletedAt: Date | null }) => a.status === 'PUBLISHED' && a.deletedAt === null;

/** Throws INVALID with a field message when the referenced section, campaign, authors or image do not exist. */
async function checkReferences(tx: Tx, c: ArticleContent) {
  const fieldErrors: Record<string, string[]> = {};
  // Sequential: one transaction is one connection, and pg refuses overlapping queries on it.
  const section = await tx.section.findUnique({ where: { id: c.sectionId }, select: { id: true } });
  const campaign = c.campaignId ? await tx.campaign.findUnique({ where: { id: c.campaignId }, select: { id: true } }) : null;
  const authors = await tx.author.findMany({ where: { id: { in: c.authorIds } }, select: { id: true, name: true } });
  const image = c.heroImageId ? await tx.image.findUnique({ where: { id: c.heroImageId }, select: { id: true } }) : null;
  if (!section) fieldErrors.sectionId = ['Choose a section from the list.'];
  if (c.campaignId && !campaign) fieldErrors.campaignId = ['That campaign no longer exists.'];
  if (authors.length !== c.authorIds.length) fieldErrors.authorIds = ['One of the authors no longer exists.'];
  if (c.heroImageId && !image) fieldErrors.heroImageId = ['That image no longer exists.'];
  if (Object.keys(fieldErrors).length) throw new AppError('INVALID', 'Some fields need attention.', fieldErrors);
  return { authors };
}

/**
 * Writes the hero's alt text, caption and credit (kept on the shared Image row) when they changed. Only
 * someone who may edit that image (lib/media/permissions.ts) may change them: a writer cannot rewrite the
 * credit of a library image someone else uploaded by saving their own article.
 */
async function saveHeroText(tx: Tx, actor: Actor, c: ArticleContent) {
  const image = await tx.image.findUniqueOrThrow({ where: { id: c.heroImageId! }, select: { alt: true, caption: true, credit: true, uploadedById: true } });
  const next = { alt: c.heroAlt, caption: c.heroCaption, credit: c.heroCredit };
  if (next.alt === image.alt && next.caption === image.caption && next.credit === image.credit) return;
  if (!canEditImage(actor, image)) {
    const message = 'This library image was uploaded by someone else: ask an editor to change its alt text, caption or credit, or upload your own.';
    const fieldErrors: Record<string, string[]> = {};
    if (next.alt !== image.alt) fieldErrors.heroAlt = [message];
    if (next.caption !== image.caption) fieldErrors.heroCaption = [message];
    if (next.credit !== image.credit) fieldErrors.heroCredit = [message];
    throw new AppError('INVALID', 'Some fields need attention.', fieldErrors);
  }
  await tx.image.update({ where: { id: c.heroImageId! }, data: { ...next, version: { increment: 1 } } });
}

async function checkSlugFree(tx: Tx, sectionId: string, slug: string, exceptId?: string) {
  const clash = await tx.article.findFirst({
    where: { sectionId, slug, ...(exceptId ? { id: { not: exceptId } } : {}) },
    select: { headline: true },
  });
  if (clash) {
    throw new AppError('INVALID', 'Some fields need attention.', {
      slug: [`Another article in this section already uses this slug (“${clash.headline}”). Choose a different one.`],
    });
  }
}

async function upsertTags(tx: Tx, names: string[]): Promise<string[]> {
  const ids: string[] = [];
  for (const name of names) {
    const slug = slugify(name);
    if (!slug) continue;
    const tag = await tx.tag.upsert({ where: { slug }, update: {}, create: { name, slug }, select: { id: true } });
    if (!ids.includes(tag.id)) ids.push(tag.id);
  }
  return ids;
}

/** A revision snapshot: the full content as saved. */
function snapshotOf(c: ArticleContent): Prisma.InputJsonValue {
  return { ...c } as unknown as Prisma.InputJsonValue;
}

/** Keeps redirects flat: old path → new path, and earlier redirects to the old path now point at the new one. */
async function addRedirect(tx: Tx, fromPath: string, toPath: string) {
  if (fromPath === toPath) return;
  await tx.redirect.deleteMany({ where: { fromPath: toPath } });
  await tx.redirect.updateMany({ where: { toPath: fromPath }, data: { toPath } });
  await tx.redirect.upsert({ where: { fromPath }, update: { toPath }, create: { fromPath, toPath } });
}

const pathOf = (sectionSlug: string, slug: string) => `/${sectionSlug}/${slug}`;

function mapUniqueViolation(error: unknown): never {
  if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') {
    throw new AppError('INVALID', 'Some fields need attention.', { slug: ['Another article in this section already uses this slug. Choose a different one.'] });
  }
  throw error;
}

/**
 * Creates a draft owned by `actor`, with its first revision and an audit row. A writer with a linked
 * author profile is put on the byline. The slug is derived from the headline and made unique in the section.
 */
export async function createArticle({ actor, input }: { actor: Actor; input: { headline: string; sectionId: string } }) {
  const headline = input.headline.trim();
  if (!headline) throw new AppError('INVALID', 'Some fields need attention.', { headline: ['Add a headline.'] });
  const db = getDb();
  return db
    .$transaction(async (tx) => {
      const own = await tx.author.findUnique({ where: { userId: actor.id }, select: { id: true } });
      const base = slugify(headline) || 'article';
      let slug = base;
      for (let i = 2; await tx.article.findFirst({ where: { sectionId: input.sectionId, slug }, select: { id: true } }); i++) slug = `${base.slice(0, 75)}-${i}`;
      const parsed = articleContentSchema.safeParse({ headline, slug, sectionId: input.sectionId, body: emptyBody, authorIds: own ? [own.id] : [] });
      if (!parsed.success) throw new AppError('INVALID', 'Some fields need attention.', fieldErrorsOf(parsed.error));
      const content = parsed.data;
      const { authors } = await checkReferences(tx, content);
      const article = await tx.article.create({
        data: {
          headline,
          slug,
          body: content.body,
          ...deriveArticleText(content.body, content.authorIds, authors),
          sectionId: content.sectionId,
          createdById: actor.id,
          authors: { create: content.authorIds.map((authorId, position) => ({ authorId, position })) },
        },
        select: { id: true, version: true },
      });
      await tx.articleRevision.create({ data: { articleId: article.id, version: article.version, editorId: actor.id, snapshot: snapshotOf(content) } });
      await recordAudit(tx, { actor, action: 'article.create', targetType: 'Article', targetId: article.id, detail: { headline } });
      return article;
    })
    .catch(mapUniqueViolation);
}

/** What a conflicting save is told: who saved last and when. */
export type ConflictDetail = { version: number; savedAt: string; savedBy: string | null };

async function conflictDetail(tx: Tx, articleId: string): Promise<ConflictDetail> {
  const latest = await tx.articleRevision.findFirst({
    where: { articleId },
    orderBy: { version: 'desc' },
    select: { version: true, createdAt: true, editor: { select: { name: true } } },
  });
  return { version: latest?.version ?? 0, savedAt: (latest?.createdAt ?? new Date()).toISOString(), savedBy: latest?.editor?.name ?? null };
}

/** Writes content over the article iff it is still at `baseVersion`; returns the new version or throws CONFLICT. */
async function writeContent(tx: Tx, actor: Actor, article: CheckedArticle, baseVersion: number, content: ArticleContent, action: string) {
  const { authors } = await checkReferences(tx, content);
  await checkSlugFree(tx, content.sectionId, content.slug, article.id);
  const tagIds = await upsertTags(tx, content.tagNames);
  const now = new Date();
  const updated = await tx.article.updateMany({
    where: { id: article.id, version: baseVersion, deletedAt: null },
    data: {
      headline: content.headline,
      slug: content.slug,
      standfirst: content.standfirst,
      body: content.body,
      ...deriveArticleText(content.body, content.authorIds, authors),
      sectionId: content.sectionId,
      campaignId: content.campaignId,
      heroImageId: content.heroImageId,
      sponsored: content.sponsored,
      seoTitle: content.seoTitle,
      seoDescription: content.seoDescription,
      canonicalUrl: content.canonicalUrl,
      version: { increment: 1 },
      updatedAt: now,
    },
  });
  if (updated.count === 0) {
    const detail = await conflictDetail(tx, article.id);
    const who = detail.savedBy ?? 'Someone';
    throw new AppError(
      'CONFLICT',
      `${who} saved this article at ${new Date(detail.savedAt).toUTCString()} (version ${detail.version}) after you opened it. Your changes were not saved.`,
      {},
      detail,
    );
  }
  const version = baseVersion + 1;
  await tx.articleAuthor.deleteMany({ where: { articleId: article.id } });
  await tx.articleAuthor.createMany({ data: content.authorIds.map((authorId, position) => ({ articleId: article.id, authorId, position })) });
  await tx.articleTag.deleteMany({ where: { articleId: article.id } });
  await tx.articleTag.createMany({ data: tagIds.map((tagId) => ({ articleId: article.id, tagId })) });
  if (content.heroImageId) await saveHeroText(tx, actor, content);
  await tx.articleRevision.create({ data: { articleId: article.id, version, editorId: actor.id, snapshot: snapshotOf(content), createdAt: now } });

  const section = await tx.section.findUniqueOrThrow({ where: { id: content.sectionId }, select: { slug: true } });
  const visible = isReaderVisible(article);
  if (visible) {
    const oldPath = pathOf(article.section.slug, article.slug);
    const newPath = pathOf(section.slug, content.slug);
    if (oldPath !== newPath) await addRedirect(tx, oldPath, newPath);
  }
  await recordAudit(tx, { actor, action, targetType: 'Article', targetId: article.id, detail: { version } });
  const after = await loadForActorOrThrow(tx, actor, article.id);
  return { version, savedAt: now.toISOString(), change: mergeChanges(changeOf(article, visible), changeOf(after, visible)) };
}

/**
 * Saves the editor's content, conditional on `baseVersion`: exactly one of several saves based on the
 * same version wins; the others get CONFLICT naming who saved last. Every successful save writes a
 * revision and an audit row in the same transaction. Changing the path of a published article adds a 301.
 */
export async function saveArticle({ actor, articleId, baseVersion, content }: { actor: Actor; articleId: string; baseVersion: number; content: ArticleContentInput }) {
  const parsed = articleContentSchema.safeParse(content);
  if (!parsed.success) throw new AppError('INVALID', 'Some fields need attention.', fieldErrorsOf(parsed.error));
  return getDb()
    .$transaction(async (tx) => {
      const article = await loadForActorOrThrow(tx, actor, articleId);
      const can = decideCanEdit({ status: article.status, trashed: article.deletedAt !== null, isOwn: isOwnArticle(actor, article) }, actor.role);
      if (!can.allowed) throw new AppError('FORBIDDEN', can.reason);
      return writeContent(tx, actor, article, baseVersion, parsed.data, 'article.save');
    })
    .catch(mapUniqueViolation);
}

/** zod issues → { field: [messages] } using the first path segment after `content`. */
export function fieldErrorsOf(error: { issues: { path: PropertyKey[]; message: string }[] }): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = String(issue.path.find((p) => p !== 'content') ?? 'form');
    (out[key] ??= []).push(issue.message);
  }
  return out;
}

/**
 * Restores an old revision's content as a new save (a new version and revision), conditional on
 * `baseVersion` like any other save.
 */
export async function restoreRevision({ actor, articleId, revisionId, baseVersion }: { actor: Actor; articleId: string; revisionId: string; baseVersion: number }) {
  return getDb().$transaction(async (tx) => {
    const article = await loadForActorOrThrow(tx, actor, articleId);
    const can = decideCanEdit({ status: article.status, trashed: article.deletedAt !== null, isOwn: isOwnArticle(actor, article) }, actor.role);
    if (!can.allowed) throw new AppError('FORBIDDEN', can.reason);
    const revision = await tx.articleRevision.findFirst({ where: { id: revisionId, articleId }, select: { version: true, snapshot: true } });
    if (!revision) throw new AppError('NOT_FOUND', 'That revision does not exist.');
    const snapshot = await snapshotToContent(tx, revision.snapshot);
    return { ...(await writeContent(tx, actor, article, baseVersion, snapshot, 'article.restore-revision')), restoredFrom: revision.version };
  });
}

/** Reads a stored snapshot (also older factory-made ones with tagIds) as content the save path accepts. */
async function snapshotToContent(tx: Tx, raw: unknown): Promise<ArticleContent> {
  const s = { ...(raw as Record<string, unknown>) };
  if (Array.isArray(s.tagIds) && !s.tagNames) {
    const tags = await tx.tag.findMany({ where: { id: { in: s.tagIds as string[] } }, select: { name: true } });
    s.tagNames = tags.map((t) => t.name);
  }
  delete s.tagIds;
  if (s.heroImageId && s.heroAlt === undefined) {
    const image = await tx.image.findUnique({ where: { id: String(s.heroImageId) }, select: { alt: true, caption: true, credit: true } });
    Object.assign(s, { heroAlt: image?.alt ?? '', heroCaption: image?.caption ?? '', heroCredit: image?.credit ?? '' });
  }
  const parsed = articleContentSchema.safeParse(s);
  if (!parsed.success) throw new AppError('INVALID', 'That revision cannot be restored: its content no longer validates.');
  return parsed.data;
}

/**
 * Saves `content` as a new draft owned by `actor` ("keep my text as a copy" after a conflict). The slug
 * gets a "-copy" suffix, made unique in the section.
 */
export async function copyArticleAsDraft({ actor, content }: { actor: Actor; content: ArticleContentInput }) {
  if (!actor.id) throw new AppError('FORBIDDEN');
  const parsed = articleContentSchema.safeParse(content);
  if (!parsed.success) throw new AppError('INVALID', 'Some fields need attention.', fieldErrorsOf(parsed.error));
  return getDb().$transaction(async (tx) => {
    const c = parsed.data;
    const base = `${c.slug.slice(0, 70)}-copy`;
    let slug = base;
    for (let i = 2; await tx.article.findFirst({ where: { sectionId: c.sectionId, slug }, select: { id: true } }); i++) slug = `${base}-${i}`;
    const content2 = { ...c, slug, headline: c.headline };
    const { authors } = await checkReferences(tx, content2);
    const tagIds = await upsertTags(tx, c.tagNames);
    const article = await tx.article.create({
      data: {
        headline: c.headline,
        slug,
        standfirst: c.standfirst,
        body: c.body,
        ...deriveArticleText(c.body, c.authorIds, authors),
        sectionId: c.sectionId,
        campaignId: c.campaignId,
        heroImageId: c.heroImageId,
        sponsored: c.sponsored,
        seoTitle: c.seoTitle,
        seoDescription: c.seoDescription,
        canonicalUrl: c.canonicalUrl,
        createdById: actor.id,
        authors: { create: c.authorIds.map((authorId, position) => ({ authorId, position })) },
        tags: { create: tagIds.map((tagId) => ({ tagId })) },
      },
      select: { id: true, version: true },
    });
    await tx.articleRevision.create({ data: { articleId: article.id, version: 1, editorId: actor.id, snapshot: snapshotOf(content2) } });
    await recordAudit(tx, { actor, action: 'article.copy', targetType: 'Article', targetId: article.id });
    return article;
  });
}

/**
 * Moves an article through the workflow (submit, publish, schedule, unpublish, archive, trash,
 * restore…) as decided by `decideTransition`; publishing and scheduling also need the publish
 * checklist to pass. Audited in the same transaction.
 */
export async function transitionArticle({ actor, articleId, action, scheduledAt }: { actor: Actor; articleId: string; action: ArticleAction; scheduledAt?: Date }) {
  return getDb().$transaction(async (tx) => {
    const article = await loadForActorOrThrow(tx, actor, articleId);
    const decision = decideTransition({ status: article.status, trashed: article.deletedAt !== null, isOwn: isOwnArticle(actor, article) }, action, actor.role);
    if (!decision.allowed) throw new AppError('FORBIDDEN', decision.reason);
    if (action === 'publish' || action === 'schedule') {
      const failures = decidePublishChecklist({
        headline: article.headline,
        sectionId: article.sectionId,
        authorIds: article.authors.map((a) => a.authorId),
        standfirst: article.standfirst,
        heroImage: article.heroImage,
      });
      if (Object.keys(failures).length) {
        const fieldErrors = Object.fromEntries(Object.entries(failures).map(([k, v]) => [k, [v]]));
        throw new AppError('INVALID', 'The article is not ready to publish: fix the items marked below.', fieldErrors);
      }
    }
    if (action === 'schedule' && (!scheduledAt || scheduledAt.getTime() <= Date.now())) {
      throw new AppError('INVALID', 'Choose a date and time in the future.', { scheduledAt: ['Choose a date and time in the future.'] });
    }
    const now = new Date();
    const data: Prisma.ArticleUpdateManyMutationInput = { status: decision.to };
    if (action === 'publish') Object.assign(data, { publishedAt: now, scheduledAt: null });
    if (action === 'schedule') Object.assign(data, { scheduledAt });
    if (action === 'unschedule' || action === 'unpublish') Object.assign(data, { scheduledAt: null });
    if (action === 'trash') Object.assign(data, { deletedAt: now });
    if (action === 'restore') Object.assign(data, { deletedAt: null });
    // Conditional on the state we decided on, so two simultaneous transitions cannot both apply.
    const done = await tx.article.updateMany({ where: { id: article.id, status: article.status, deletedAt: article.deletedAt }, data });
    if (done.count === 0) throw new AppError('CONFLICT', 'Someone else changed this article’s status just now. Reload to see it.');
    await recordAudit(tx, {
      actor,
      action: `article.${action}`,
      targetType: 'Article',
      targetId: article.id,
      detail: { from: article.status, to: decision.to, ...(scheduledAt ? { scheduledAt: scheduledAt.toISOString() } : {}) },
    });
    const wasVisible = isReaderVisible(article);
    const isVisible = decision.to === 'PUBLISHED' && (action === 'restore' ? true : article.deletedAt === null) && action !== 'trash';
    return { status: decision.to, change: changeOf(article, wasVisible || isVisible) };
  });
}

/** Marks `actor` as having the article open now (called by the editor every ~10 s). */
export async function touchPresence({ actor, articleId }: { actor: Actor; articleId: string }) {
  const db = getDb();
  const visible = await db.article.findFirst({ where: { AND: [{ id: articleId }, articleWhereFor(actor)] }, select: { id: true } });
  if (!visible) throw new AppError('NOT_FOUND');
  await db.articlePresence.upsert({
    where: { articleId_userId: { articleId, userId: actor.id } },
    update: { seenAt: new Date() },
    create: { articleId, userId: actor.id },
  });
}

/**
 * Publishes every SCHEDULED article whose time has come, atomically: one UPDATE … RETURNING, so with
 * several app instances each row is published exactly once. Returns what changed for readers.
 */
export async function publishDueArticles(db = getDb()): Promise<{ published: { id: string; headline: string }[]; change: ContentChange | null }> {
  const rows = await db.$transaction(async (tx) => {
    const published = await tx.$queryRaw<{ id: string; headline: string }[]>`
      UPDATE "Article" SET status = 'PUBLISHED', "publishedAt" = "scheduledAt", "scheduledAt" = NULL, "updatedAt" = now()
      WHERE status = 'SCHEDULED' AND "scheduledAt" <= now() AND "deletedAt" IS NULL
      RETURNING id, headline`;
    if (published.length) {
      await tx.auditEvent.createMany({
        data: published.map((r) => ({ action: 'article.publish-scheduled', targetType: 'Article', targetId: r.id, detail: { headline: r.headline } })),
      });
    }
    return published;
  });
  if (rows.length === 0) return { published: [], change: null };
  const articles = await db.article.findMany({ where: { id: { in: rows.map((r) => r.id) } }, select: articleForCheck });
  const change = articles.map((a) => changeOf(a, true)).reduce(mergeChanges);
  return { published: rows, change };
}
