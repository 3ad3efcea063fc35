import 'server-only';
import type { Actor } from '@/lib/auth/actor';
import { AppError, INVALID_FIELDS_MESSAGE } from '@/lib/errors';
import type { Prisma } from '@/lib/generated/prisma/client';
import { deriveArticleText } from '@/lib/articles/derive';
import { articleForActorWhere, isOwnArticle } from '@/lib/articles/permissions';
import { isPublishedAt } from '@/lib/articles/published';
import { articleContentSchema, type ArticleContent } from '@/lib/articles/schemas';
import { decideCanEdit } from '@/lib/articles/decide-transition';
import { canEditImage } from '@/lib/media/permissions';
import { contentScope, mergeScopes, type ContentScope } from '@/lib/operations/content-scope';
import { isUniqueViolation } from '@/lib/operations/unique-slug';
import { applyMoveRedirects } from '@/lib/redirects/mutations';
import { articlePath } from '@/lib/routes';
import { upsertTags } from '@/lib/tags/upsert-tags';

// What the article operations (lib/articles/<verb>-article.ts) share: loading an article through the
// actor's where, checking references, writing content with optimistic concurrency. Not operations.

export type Tx = Prisma.TransactionClient;

export const articleForCheck = {
  id: true,
  status: true,
  deletedAt: true,
  version: true,
  slug: true,
  headline: true,
  createdById: true,
  publishedAt: true,
  scheduledAt: true,
  standfirst: true,
  sponsored: true,
  sectionId: true,
  heroImageId: true,
  section: { select: { slug: true } },
  campaign: { select: { slug: true } },
  heroImage: { select: { alt: true } },
  authors: { orderBy: { position: 'asc' }, select: { authorId: true, author: { select: { userId: true, slug: true } } } },
  tags: { select: { tag: { select: { slug: true } } } },
} as const satisfies Prisma.ArticleSelect;

export type CheckedArticle = Prisma.ArticleGetPayload<{ select: typeof articleForCheck }>;

/** Loads an article the actor may see, or NOT_FOUND (never FORBIDDEN: others' drafts do not exist for them). */
export async function loadArticleForActorOrThrow(tx: Tx, actor: Actor, articleId: string): Promise<CheckedArticle> {
  const article = await tx.article.findFirst({ where: articleForActorWhere(actor, articleId), select: articleForCheck });
  if (!article) throw new AppError('NOT_FOUND', 'This article does not exist or you may not see it.');
  return article;
}

/** Throws FORBIDDEN (with the reason) unless the actor may change this article's content now. */
export function assertCanEditContent(actor: Actor, article: CheckedArticle): void {
  const decision = decideCanEdit({ status: article.status, trashed: article.deletedAt !== null, isOwn: isOwnArticle(actor, article) }, actor.role);
  if (!decision.allowed) throw new AppError('FORBIDDEN', decision.reason);
}

/**
 * True when a save changed something a card, list or tag page of the article shows (headline, path,
 * standfirst, section, authors, tags, campaign, hero image and its alt text, the sponsored label);
 * false for an edit of the body, SEO fields or the like, which only its own page, feeds and sitemaps show.
 */
export function cardChanged(before: CheckedArticle, after: CheckedArticle): boolean {
  const card = (a: CheckedArticle) =>
    JSON.stringify([a.headline, a.slug, a.standfirst, a.sponsored, a.sectionId, a.campaign?.slug ?? null, a.heroImageId, a.heroImage?.alt ?? null, a.authors.map((x) => x.authorId), a.tags.map((t) => t.tag.slug).sort()]);
  return card(before) !== card(after);
}

/** The reader pages a visible article appears on: its own, its section, authors, campaign and tags, and every list. */
export function scopeOfArticle(a: CheckedArticle): ContentScope {
  return contentScope({
    articleIds: [a.id],
    sectionSlugs: [a.section.slug],
    authorSlugs: a.authors.map((x) => x.author.slug),
    campaignSlugs: a.campaign ? [a.campaign.slug] : [],
    tagSlugs: a.tags.map((t) => t.tag.slug),
    lists: true,
  });
}

/** Throws INVALID with a field message when the referenced section, campaign, authors or image do not exist. */
export async function checkReferences(tx: Tx, c: ArticleContent) {
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
  if (Object.keys(fieldErrors).length) throw new AppError('INVALID', INVALID_FIELDS_MESSAGE, fieldErrors);
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
    throw new AppError('INVALID', INVALID_FIELDS_MESSAGE, fieldErrors);
  }
  await tx.image.update({ where: { id: c.heroImageId! }, data: { ...next, version: { increment: 1 } } });
}

const slugTaken = (headline?: string) =>
  new AppError('INVALID', INVALID_FIELDS_MESSAGE, {
    slug: [headline ? `Another article in this section already uses this slug (“${headline}”). Choose a different one.` : 'Another article in this section already uses this slug. Choose a different one.'],
  });

async function checkSlugFree(tx: Tx, sectionId: string, slug: string, exceptId: string) {
  const clash = await tx.article.findFirst({ where: { sectionId, slug, id: { not: exceptId } }, select: { headline: true } });
  if (clash) throw slugTaken(clash.headline);
}

/** A unique-slug race lost at commit time reads like the checked case (for `.catch` on a transaction). */
export function mapArticleSlugRace(error: unknown): never {
  if (isUniqueViolation(error)) throw slugTaken();
  throw error;
}

/** `base`, or `base-2`, `base-3`… : the first slug no article in the section uses. */
export async function freeSlugIn(tx: Tx, sectionId: string, base: string, { maxBase = 75 }: { maxBase?: number } = {}): Promise<string> {
  let slug = base;
  for (let i = 2; await tx.article.findFirst({ where: { sectionId, slug }, select: { id: true } }); i++) slug = `${base.slice(0, maxBase)}-${i}`;
  return slug;
}

/** A revision snapshot: the full content as saved. */
export function snapshotOf(c: ArticleContent): Prisma.InputJsonValue {
  return { ...c } as unknown as Prisma.InputJsonValue;
}

/** The columns a content save writes, derived text included. */
export function contentColumns(c: ArticleContent, authors: readonly { id: string; name: string }[]) {
  return {
    headline: c.headline,
    slug: c.slug,
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
  };
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

/**
 * Writes content over the article iff it is still at `baseVersion` (CONFLICT naming who saved last
 * otherwise), with its authors, tags, hero text and a revision. A new path of an article readers can see
 * answers 301 from the old one. Returns the new version and the reader pages before and after.
 */
export async function writeContent(tx: Tx, actor: Actor, article: CheckedArticle, baseVersion: number, content: ArticleContent) {
  const { authors } = await checkReferences(tx, content);
  await checkSlugFree(tx, content.sectionId, content.slug, article.id);
  const tagIds = await upsertTags(tx, content.tagNames);
  const now = new Date();
  const updated = await tx.article.updateMany({
    where: { id: article.id, version: baseVersion, deletedAt: null },
    data: { ...contentColumns(content, authors), version: { increment: 1 }, updatedAt: now },
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

  const visible = isPublishedAt(article, now);
  if (visible) {
    const section = await tx.section.findUniqueOrThrow({ where: { id: content.sectionId }, select: { slug: true } });
    const oldPath = articlePath({ sectionSlug: article.section.slug, slug: article.slug });
    const newPath = articlePath({ sectionSlug: section.slug, slug: content.slug });
    await applyMoveRedirects(tx, { fromPrefix: oldPath, toPrefix: newPath, childSlugs: [] });
  }
  const after = await loadArticleForActorOrThrow(tx, actor, article.id);
  // A body fix purges its own page, feeds and sitemaps, not every list (the front page does not show it).
  const scope = cardChanged(article, after) ? mergeScopes(scopeOfArticle(article), scopeOfArticle(after)) : contentScope({ articleIds: [article.id], modified: true });
  return { version, savedAt: now, content: visible ? scope : null };
}

/** Reads a stored snapshot (also older factory-made ones with tagIds) as content the save path accepts. */
export async function snapshotToContent(tx: Tx, raw: unknown): Promise<ArticleContent> {
  const s = { ...(raw as Record<string, unknown>) };
  if (Array.isArray(s.tagIds) && !s.tagNames) {
    const tags = await tx.tag.findMany({ where: { id: { in: s.tagIds as string[] } }, select: { name: true } });
    s.tagNames = tags.map((t) => t.name);
  }
  delete s.tagIds;
  // A correction's revision records the correction beside the content; restoring brings back the content only.
  delete s.correction;
  if (s.heroImageId && s.heroAlt === undefined) {
    const image = await tx.image.findUnique({ where: { id: String(s.heroImageId) }, select: { alt: true, caption: true, credit: true } });
    Object.assign(s, { heroAlt: image?.alt ?? '', heroCaption: image?.caption ?? '', heroCredit: image?.credit ?? '' });
  }
  const parsed = articleContentSchema.safeParse(s);
  if (!parsed.success) throw new AppError('INVALID', 'That revision cannot be restored: its content no longer validates.');
  return parsed.data;
}
