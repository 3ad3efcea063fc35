import 'server-only';
import { getDb } from '@/lib/db';
import type { Actor } from '@/lib/auth/actor';
import { AppError } from '@/lib/errors';
import type { Prisma } from '@/lib/generated/prisma/client';
import { bodyDocumentSchema, type BodyDocument } from '@/lib/articles/body-schema';
import { bodyToPlainText } from '@/lib/articles/body-text';
import { CORRECTION_KINDS, type CorrectionKind } from '@/lib/articles/corrections';
import { articleForActorWhere, articleWhereFor } from '@/lib/articles/permissions';
import { listArticlesSchema, type ArticleContentInput, type ListArticlesInput } from '@/lib/articles/schemas';
import { verifyPreviewToken } from '@/lib/articles/preview-token';
import { articlePageInclude, type PublishedArticle } from '@/lib/articles/queries';
import { getEnv } from '@/lib/env';

export const PAGE_SIZE = 25;

type Cursor = { v: string; id: string };
const encodeCursor = (c: Cursor) => Buffer.from(JSON.stringify(c)).toString('base64url');
function decodeCursor(raw: string | undefined): Cursor | null {
  if (!raw) return null;
  try {
    const c = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as unknown;
    if (c && typeof c === 'object' && typeof (c as Cursor).v === 'string' && typeof (c as Cursor).id === 'string') return c as Cursor;
  } catch {
    // a tampered cursor is just the first page
  }
  return null;
}

/**
 * One page of the dashboard's article list for `actor`: filtered, searched by headline, sorted and
 * keyset-paginated on (sort key, id) so page 400 costs what page 1 does. Permission is part of the where.
 */
export async function listArticlesForDashboard({ actor, params }: { actor: Actor; params: ListArticlesInput }) {
  const p = listArticlesSchema.parse(params);
  const and: Prisma.ArticleWhereInput[] = [articleWhereFor(actor)];
  if (p.status === 'TRASH') and.push({ deletedAt: { not: null } });
  else {
    and.push({ deletedAt: null });
    if (p.status) and.push({ status: p.status });
  }
  if (p.sectionId) and.push({ sectionId: p.sectionId });
  if (p.campaignId) and.push({ campaignId: p.campaignId });
  if (p.authorId) and.push({ authors: { some: { authorId: p.authorId } } });
  if (p.q) and.push({ headline: { contains: p.q, mode: 'insensitive' } });

  const key = p.sort === 'headline' ? 'headline' : p.sort === 'created' ? 'createdAt' : 'updatedAt';
  const dir = key === 'headline' ? 'asc' : 'desc';
  const cursor = decodeCursor(p.cursor);
  if (cursor) {
    const value = key === 'headline' ? cursor.v : new Date(cursor.v);
    const op = dir === 'asc' ? 'gt' : 'lt';
    // (key, id) past the cursor, written so PostgreSQL can range-scan the key's index: key ≤ v AND (key < v OR id < cursor).
    and.push({ [key]: { [dir === 'asc' ? 'gte' : 'lte']: value } }, { OR: [{ [key]: { [op]: value } }, { id: { [op]: cursor.id } }] });
  }
  const rows = await getDb().article.findMany({
    where: { AND: and },
    orderBy: [{ [key]: dir }, { id: dir }],
    take: PAGE_SIZE + 1,
    select: {
      id: true,
      headline: true,
      slug: true,
      status: true,
      deletedAt: true,
      updatedAt: true,
      createdAt: true,
      publishedAt: true,
      scheduledAt: true,
      bylineText: true,
      version: true,
      section: { select: { name: true, slug: true } },
      campaign: { select: { name: true } },
    },
  });
  const items = rows.slice(0, PAGE_SIZE);
  const last = items.at(-1);
  const nextCursor =
    rows.length > PAGE_SIZE && last
      ? encodeCursor({ v: key === 'headline' ? last.headline : (key === 'createdAt' ? last.createdAt : last.updatedAt).toISOString(), id: last.id })
      : null;
  return { items, nextCursor };
}

export type DashboardArticleRow = Awaited<ReturnType<typeof listArticlesForDashboard>>['items'][number];

/** The choices the editor's pickers offer. */
export async function getEditorChoices() {
  const db = getDb();
  const [sections, campaigns, authors] = await Promise.all([
    db.section.findMany({ orderBy: [{ position: 'asc' }, { name: 'asc' }], select: { id: true, name: true } }),
    db.campaign.findMany({ orderBy: { name: 'asc' }, select: { id: true, name: true, partnerName: true, disclosureLabel: true } }),
    db.author.findMany({ orderBy: { name: 'asc' }, select: { id: true, name: true, userId: true } }),
  ]);
  return { sections, campaigns, authors };
}

/** The newest images of the library, for the hero and inline image pickers. */
export async function listRecentImages({ take = 24 }: { take?: number } = {}) {
  return getDb().image.findMany({
    orderBy: { createdAt: 'desc' },
    take,
    select: { id: true, storageKey: true, alt: true, caption: true, credit: true, width: true, height: true },
  });
}

/** An article as the editor loads it, or NOT_FOUND when `actor` may not see it. */
export async function getArticleForEditOrThrow({ actor, articleId }: { actor: Actor; articleId: string }) {
  const article = await getDb().article.findFirst({
    where: articleForActorWhere(actor, articleId),
    include: {
      section: { select: { id: true, name: true, slug: true } },
      heroImage: { select: { id: true, storageKey: true, alt: true, caption: true, credit: true, width: true, height: true } },
      authors: { orderBy: { position: 'asc' }, select: { authorId: true, author: { select: { userId: true } } } },
      tags: { select: { tag: { select: { name: true } } } },
      createdBy: { select: { name: true } },
      corrections: {
        orderBy: [{ publishedAt: 'desc' }, { id: 'desc' }],
        select: { id: true, kind: true, text: true, publishedAt: true, createdAt: true, createdBy: { select: { name: true } } },
      },
    },
  });
  if (!article) throw new AppError('NOT_FOUND', 'This article does not exist or you may not see it.');
  const latest = await getDb().articleRevision.findFirst({
    where: { articleId },
    orderBy: { version: 'desc' },
    select: { createdAt: true, editor: { select: { name: true } } },
  });
  const body: BodyDocument = bodyDocumentSchema.parse(article.body);
  return { ...article, body, lastSavedBy: latest?.editor?.name ?? null, lastSavedAt: latest?.createdAt ?? article.updatedAt };
}

export type ArticleForEdit = Awaited<ReturnType<typeof getArticleForEditOrThrow>>;

/** The editor form's content for a loaded article: what a save sends back when nothing else changed. */
export function editorContentOf(article: ArticleForEdit) {
  return {
    headline: article.headline,
    slug: article.slug,
    standfirst: article.standfirst,
    body: article.body,
    sectionId: article.sectionId,
    campaignId: article.campaignId,
    authorIds: article.authors.map((a) => a.authorId),
    tagNames: article.tags.map((t) => t.tag.name),
    heroImageId: article.heroImageId,
    heroAlt: article.heroImage?.alt ?? '',
    heroCaption: article.heroImage?.caption ?? '',
    heroCredit: article.heroImage?.credit ?? '',
    sponsored: article.sponsored,
    seoTitle: article.seoTitle,
    seoDescription: article.seoDescription,
    canonicalUrl: article.canonicalUrl,
  } satisfies ArticleContentInput;
}

/** The revision history of an article, newest first. */
export async function listRevisions({ actor, articleId }: { actor: Actor; articleId: string }) {
  const visible = await getDb().article.findFirst({ where: articleForActorWhere(actor, articleId), select: { id: true, headline: true, version: true } });
  if (!visible) throw new AppError('NOT_FOUND', 'This article does not exist or you may not see it.');
  const revisions = await getDb().articleRevision.findMany({
    where: { articleId },
    orderBy: { version: 'desc' },
    select: { id: true, version: true, createdAt: true, snapshot: true, editor: { select: { name: true } } },
  });
  // A correction's revision carries it beside the unchanged content (lib/articles/add-correction.ts).
  const withCorrection = revisions.map(({ snapshot, ...r }) => ({ ...r, correction: correctionOfSnapshot(snapshot) }));
  return { article: visible, revisions: withCorrection };
}

/** The correction a revision recorded, or null for a content save. */
function correctionOfSnapshot(snapshot: unknown): { kind: CorrectionKind; text: string; withdrawn: boolean } | null {
  const c = snapshot && typeof snapshot === 'object' ? (snapshot as { correction?: unknown }).correction : undefined;
  if (!c || typeof c !== 'object') return null;
  const { kind, text, withdrawn } = c as { kind?: unknown; text?: unknown; withdrawn?: unknown };
  return (CORRECTION_KINDS as readonly unknown[]).includes(kind) && typeof text === 'string' ? { kind: kind as CorrectionKind, text, withdrawn: withdrawn === true } : null;
}

/** Headline, standfirst and body text of one revision, for the diff view. */
export async function getRevisionTextOrThrow({ actor, articleId, version }: { actor: Actor; articleId: string; version: number }) {
  const visible = await getDb().article.findFirst({ where: articleForActorWhere(actor, articleId), select: { id: true } });
  if (!visible) throw new AppError('NOT_FOUND');
  const rev = await getDb().articleRevision.findUnique({ where: { articleId_version: { articleId, version } }, select: { snapshot: true, version: true } });
  if (!rev) throw new AppError('NOT_FOUND', 'That revision does not exist.');
  const s = rev.snapshot as Record<string, unknown>;
  const body = bodyDocumentSchema.safeParse(s.body);
  return {
    version: rev.version,
    headline: typeof s.headline === 'string' ? s.headline : '',
    standfirst: typeof s.standfirst === 'string' ? s.standfirst : '',
    bodyText: body.success ? bodyToPlainText(body.data) : '',
  };
}

/** An article in the shape the reader page renders, whatever its status: the signed-in preview (permission applies). */
export async function getArticlePreview({ actor, articleId }: { actor: Actor; articleId: string }): Promise<PublishedArticle | null> {
  return findPreview({ AND: [articleForActorWhere(actor, articleId), { deletedAt: null }] });
}

/** What a share link opens: the article, or why not (bad signature, expired, or the article is gone). */
export type SharedPreview = { ok: true; article: PublishedArticle; expiresAt: Date } | { ok: false; reason: 'invalid' | 'expired' };

/**
 * The article a share link names, for anyone holding the link: the signed, unexpired token is the
 * permission, checked here in the query (not by the page), so no caller can ask for an article "as a
 * share link" without one. A trashed article is gone for share links too.
 */
export async function getSharedPreview({ token, now = Date.now() }: { token: string; now?: number }): Promise<SharedPreview> {
  const secret = getEnv().AUTH_SECRET;
  const check = secret ? verifyPreviewToken({ token, secret, now }) : ({ ok: false, reason: 'invalid' } as const);
  if (!check.ok) return check;
  const article = await findPreview({ id: check.articleId, deletedAt: null });
  return article ? { ok: true, article, expiresAt: check.expiresAt } : { ok: false, reason: 'invalid' };
}

async function findPreview(where: Prisma.ArticleWhereInput): Promise<PublishedArticle | null> {
  const article = await getDb().article.findFirst({ where, include: articlePageInclude });
  if (!article) return null;
  const body: BodyDocument = bodyDocumentSchema.parse(article.body);
  return { ...article, body };
}
