import 'server-only';
import { isPublishedAt } from '@/lib/articles/published';
import type { Actor } from '@/lib/auth/actor';
import { articleWhereFor } from '@/lib/articles/permissions';
import { getDb, type Db } from '@/lib/db';
import { AppError } from '@/lib/errors';
import type { Prisma } from '@/lib/generated/prisma/client';
import type { ArticleStatus } from '@/lib/generated/prisma/enums';
import { canViewMedia } from '@/lib/media/permissions';
import { listImagesSchema, MEDIA_PAGE_SIZE, type ListImagesInput } from '@/lib/media/schemas';
import { mediaPath } from '@/lib/routes';

type Reader = Db | Prisma.TransactionClient;

const imageSelect = {
  id: true,
  storageKey: true,
  mimeType: true,
  width: true,
  height: true,
  bytes: true,
  alt: true,
  caption: true,
  credit: true,
  version: true,
  createdAt: true,
  updatedAt: true,
  uploadedById: true,
  uploadedBy: { select: { name: true } },
} satisfies Prisma.ImageSelect;

/**
 * One page of the library, newest first, optionally filtered by a word in the alt text, caption or
 * credit. Everyone with dashboard access may list it (writers pick hero images from it).
 */
export async function listImages({ db = getDb(), actor, input = {} }: { db?: Db; actor: Actor; input?: ListImagesInput }) {
  if (!canViewMedia(actor)) throw new AppError('FORBIDDEN');
  const { q, page } = listImagesSchema.parse(input);
  const where: Prisma.ImageWhereInput = q
    ? { OR: (['alt', 'caption', 'credit'] as const).map((field) => ({ [field]: { contains: q, mode: 'insensitive' } })) }
    : {};
  const rows = await db.image.findMany({
    where,
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    skip: (page - 1) * MEDIA_PAGE_SIZE,
    take: MEDIA_PAGE_SIZE + 1,
    select: imageSelect,
  });
  const items = rows.slice(0, MEDIA_PAGE_SIZE).map((row) => ({ ...row, src: mediaPath(row.storageKey) }));
  return { items, q: q ?? '', page, hasNext: rows.length > MEDIA_PAGE_SIZE };
}

/** One image with its public path, or NOT_FOUND. */
export async function getImageOrThrow({ db = getDb(), actor, imageId }: { db?: Db; actor: Actor; imageId: string }) {
  if (!canViewMedia(actor)) throw new AppError('FORBIDDEN');
  const image = await db.image.findUnique({ where: { id: imageId }, select: imageSelect });
  if (!image) throw new AppError('NOT_FOUND', 'This image does not exist (it may have been deleted).');
  return { ...image, src: mediaPath(image.storageKey) };
}

/** Every use of an image, whoever may see it: what blocks a delete and what a text change must revalidate. */
export type ImageUsage = {
  articles: { id: string; headline: string; status: ArticleStatus; trashed: boolean; readerVisible: boolean; sectionSlug: string; asHero: boolean; inline: boolean }[];
  authors: { id: string; name: string; slug: string }[];
  /** Standing pages (lib/pages) with the image in their body. */
  pages: { id: string; title: string; slug: string }[];
};

/**
 * Finds where an image is used: as an article's hero, inline in an article body (an image node whose
 * `src` is the image's /media path or whose `imageId` is its id; see lib/articles/body-schema.ts), or as
 * an author's photo, or inline in a standing page's body (the same document). Trashed articles count:
 * they can be restored.
 */
export async function findImageUsage(db: Reader, image: { id: string; storageKey: string }): Promise<ImageUsage> {
  const src = mediaPath(image.storageKey);
  const idAttr = `"imageId": ${JSON.stringify(image.id)}`;
  const inlineRows = await db.$queryRaw<{ id: string }[]>`
    SELECT "id" FROM "Article" WHERE strpos("body"::text, ${src}) > 0 OR strpos("body"::text, ${idAttr}) > 0`;
  const inlineIds = new Set(inlineRows.map((r) => r.id));
  const pageRows = await db.$queryRaw<{ id: string }[]>`
    SELECT "id" FROM "Page" WHERE strpos("body"::text, ${src}) > 0 OR strpos("body"::text, ${idAttr}) > 0`;
  const [articles, authors, pages] = await Promise.all([
    db.article.findMany({
      where: { OR: [{ heroImageId: image.id }, { id: { in: [...inlineIds] } }] },
      orderBy: { updatedAt: 'desc' },
      select: { id: true, headline: true, status: true, deletedAt: true, publishedAt: true, heroImageId: true, section: { select: { slug: true } } },
    }),
    db.author.findMany({ where: { photoId: image.id }, orderBy: { name: 'asc' }, select: { id: true, name: true, slug: true } }),
    db.page.findMany({ where: { id: { in: pageRows.map((r) => r.id) } }, orderBy: { title: 'asc' }, select: { id: true, title: true, slug: true } }),
  ]);
  const now = new Date();
  return {
    articles: articles.map((a) => ({
      id: a.id,
      headline: a.headline,
      status: a.status,
      trashed: a.deletedAt !== null,
      readerVisible: isPublishedAt(a, now),
      sectionSlug: a.section.slug,
      asHero: a.heroImageId === image.id,
      inline: inlineIds.has(a.id),
    })),
    authors,
    pages,
  };
}

/** True when the usage blocks a delete. */
export function isInUse(usage: ImageUsage): boolean {
  return usage.articles.length > 0 || usage.authors.length > 0 || usage.pages.length > 0;
}

/**
 * Where an image is used, as `actor` may see it: articles the actor may open are listed; the others
 * are only counted, so a writer does not learn other people's draft headlines.
 */
export async function whereUsed({ db = getDb(), actor, imageId }: { db?: Db; actor: Actor; imageId: string }) {
  const image = await getImageOrThrow({ db, actor, imageId });
  const usage = await findImageUsage(db, image);
  const ids = usage.articles.map((a) => a.id);
  const visible = new Set(
    (await db.article.findMany({ where: { AND: [{ id: { in: ids } }, articleWhereFor(actor)] }, select: { id: true } })).map((a) => a.id),
  );
  return {
    articles: usage.articles.filter((a) => visible.has(a.id)),
    hiddenArticleCount: usage.articles.filter((a) => !visible.has(a.id)).length,
    authors: usage.authors,
    pages: usage.pages,
    inUse: isInUse(usage),
  };
}
