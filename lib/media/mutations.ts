import 'server-only';
import sharp from 'sharp';
import { recordAudit } from '@/lib/audit/mutations';
import type { Actor } from '@/lib/auth/actor';
import { getDb, type Db } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { Prisma } from '@/lib/generated/prisma/client';
import { decideUpload, FORMAT_INFO, MAX_UPLOAD_PIXELS, type ImageFormat } from '@/lib/media/decide-upload';
import { canDeleteImage, canEditImage, canUploadMedia } from '@/lib/media/permissions';
import { findImageUsage, isInUse, type ImageUsage } from '@/lib/media/queries';
import { imageTextSchema, updateImageSchema } from '@/lib/media/schemas';
import { newStorageKey, type MediaStorage } from '@/lib/media/storage';
import { getMediaStorage } from '@/lib/media/store';

/** Longest side of a stored image: larger uploads are scaled down to it when re-encoded. */
export const MAX_STORED_SIDE = 3200;

// libvips' operation cache would keep decoded uploads in memory after the request.
sharp.cache(false);

type Ctx = { db?: Db; actor: Actor; ip?: string | null };

/** Reader pages to revalidate after a change to an image that readers can see. */
export type MediaChange = { articleIds: string[]; sectionSlugs: string[]; authorSlugs: string[] };

function invalid(issues: { path: PropertyKey[]; message: string }[]): AppError {
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of issues) (fieldErrors[String(issue.path.at(-1) ?? 'form')] ??= []).push(issue.message);
  return new AppError('INVALID', 'Please correct the highlighted fields.', fieldErrors);
}

const fileError = (message: string) => new AppError('INVALID', message, { file: [message] });

/**
 * Decodes the upload with every limit on and encodes it again in its own format. Only pixels survive:
 * EXIF (GPS, camera serials), XMP, ICC, comments, text chunks and anything appended after the image
 * (HTML, scripts, ZIP archives of a polyglot) are dropped. The EXIF orientation is applied first.
 */
async function reencode(bytes: Uint8Array, format: ImageFormat): Promise<{ data: Buffer; width: number; height: number }> {
  const pipeline = sharp(bytes, { limitInputPixels: MAX_UPLOAD_PIXELS, failOn: 'warning', sequentialRead: true, animated: false })
    .autoOrient()
    .resize({ width: MAX_STORED_SIDE, height: MAX_STORED_SIDE, fit: 'inside', withoutEnlargement: true });
  const encoded = {
    jpeg: () => pipeline.jpeg({ quality: 85, mozjpeg: true }),
    png: () => pipeline.png({ compressionLevel: 8 }),
    webp: () => pipeline.webp({ quality: 85 }),
    avif: () => pipeline.avif({ quality: 60, effort: 2 }),
  }[format]();
  try {
    const { data, info } = await encoded.toBuffer({ resolveWithObject: true });
    return { data, width: info.width, height: info.height };
  } catch (error) {
    const text = error instanceof Error ? error.message : '';
    if (/pixel limit/i.test(text)) throw fileError('The image has more pixels than the limit. Resize it and retry.');
    throw fileError(`This ${FORMAT_INFO[format].label} file could not be read: it is damaged or not a real image. Export it again and retry.`);
  }
}

/**
 * Stores an upload as a new library image: checks the bytes (type from magic bytes, size, pixels read
 * from the header: lib/media/decide-upload.ts), re-encodes them with sharp, writes the result under a
 * server-generated random key, then creates the Image row with its audit row `media.uploaded`. Refusals
 * are INVALID with a message for the user (field `file`). The original bytes are never stored.
 */
export async function uploadImage({ db = getDb(), storage = getMediaStorage(), actor, ip, bytes, text }: Ctx & { storage?: MediaStorage; bytes: Uint8Array; text: unknown }) {
  if (!canUploadMedia(actor)) throw new AppError('FORBIDDEN', 'You may not upload images.');
  const parsedText = imageTextSchema.safeParse(text ?? {});
  if (!parsedText.success) throw invalid(parsedText.error.issues);
  const decision = decideUpload(bytes);
  if (!decision.ok) throw fileError(decision.message);

  const { data, width, height } = await reencode(bytes, decision.format);
  const { ext, mimeType } = FORMAT_INFO[decision.format];
  const storageKey = newStorageKey(ext);
  // The file first, then the row: a row never points at a missing file (backups rely on it).
  await storage.put(storageKey, data);
  try {
    return await db.$transaction(async (tx) => {
      const image = await tx.image.create({
        data: { storageKey, mimeType, width, height, bytes: data.length, ...parsedText.data, uploadedById: actor.id },
        select: { id: true, storageKey: true, mimeType: true, width: true, height: true, bytes: true, alt: true, caption: true, credit: true, version: true },
      });
      await recordAudit(tx, { actor, action: 'media.uploaded', targetType: 'Image', targetId: image.id, detail: { mimeType, width, height, bytes: data.length }, ip });
      return image;
    });
  } catch (error) {
    await storage.delete(storageKey);
    throw error;
  }
}

function changeOf(usage: ImageUsage): MediaChange {
  const visible = usage.articles.filter((a) => a.readerVisible);
  return {
    articleIds: visible.map((a) => a.id),
    sectionSlugs: [...new Set(visible.map((a) => a.sectionSlug))],
    authorSlugs: usage.authors.map((a) => a.slug),
  };
}

/**
 * Changes an image's alt text, caption and credit, conditional on `baseVersion` (CONFLICT when someone
 * saved in between: never a silent overwrite). Audited `media.updated`. Returns the reader pages that
 * show the image, for the caller to revalidate after the commit.
 */
export async function updateImage({ db = getDb(), actor, ip, input }: Ctx & { input: unknown }) {
  const parsed = updateImageSchema.safeParse(input);
  if (!parsed.success) throw invalid(parsed.error.issues);
  const { imageId, baseVersion, text } = parsed.data;
  return db.$transaction(async (tx) => {
    const image = await tx.image.findUnique({ where: { id: imageId }, select: { id: true, storageKey: true, uploadedById: true, version: true, updatedAt: true } });
    if (!image) throw new AppError('NOT_FOUND', 'This image does not exist (it may have been deleted).');
    if (!canEditImage(actor, image)) throw new AppError('FORBIDDEN', 'Only editors and the person who uploaded it may change this image.');
    const updated = await tx.image.updateMany({ where: { id: image.id, version: baseVersion }, data: { ...text, version: { increment: 1 } } });
    if (updated.count === 0) {
      throw new AppError(
        'CONFLICT',
        `Someone else changed this image at ${image.updatedAt.toUTCString()} (version ${image.version}) after you opened it. Your changes were not saved: reload to see theirs.`,
        {},
        { version: image.version },
      );
    }
    await recordAudit(tx, { actor, action: 'media.updated', targetType: 'Image', targetId: image.id, detail: { version: baseVersion + 1 }, ip });
    const usage = await findImageUsage(tx, image);
    return { version: baseVersion + 1, change: changeOf(usage) };
  });
}

function describeUsage(usage: ImageUsage): string {
  const parts: string[] = [];
  const hero = usage.articles.filter((a) => a.asHero).length;
  const inline = usage.articles.filter((a) => a.inline && !a.asHero).length;
  if (hero) parts.push(`the hero image of ${hero} article${hero === 1 ? '' : 's'}`);
  if (inline) parts.push(`in the text of ${inline} article${inline === 1 ? '' : 's'}`);
  if (usage.authors.length) parts.push(`the photo of ${usage.authors.length} author${usage.authors.length === 1 ? '' : 's'}`);
  return parts.join(', ');
}

/**
 * Deletes an image and its file. Refused (CONFLICT, with a message saying where) while the image is a
 * hero, inline in any article body (trashed ones included) or an author's photo. Audited `media.deleted`.
 */
export async function deleteImage({ db = getDb(), storage = getMediaStorage(), actor, ip, imageId }: Ctx & { storage?: MediaStorage; imageId: unknown }) {
  if (typeof imageId !== 'string' || imageId.length === 0 || imageId.length > 40) throw new AppError('NOT_FOUND', 'This image does not exist (it may have been deleted).');
  let deleted: { storageKey: string };
  try {
    deleted = await db.$transaction(async (tx) => {
      const image = await tx.image.findUnique({ where: { id: imageId }, select: { id: true, storageKey: true, uploadedById: true } });
      if (!image) throw new AppError('NOT_FOUND', 'This image does not exist (it may have been deleted).');
      if (!canDeleteImage(actor, image)) throw new AppError('FORBIDDEN', 'Only editors and the person who uploaded it may delete this image.');
      const usage = await findImageUsage(tx, image);
      if (isInUse(usage)) {
        throw new AppError('CONFLICT', `This image is still used (${describeUsage(usage)}). Replace it there first, then delete it.`);
      }
      await tx.image.delete({ where: { id: image.id } });
      await recordAudit(tx, { actor, action: 'media.deleted', targetType: 'Image', targetId: image.id, detail: { storageKey: image.storageKey }, ip });
      return image;
    });
  } catch (error) {
    // An article picked the image as its hero between the check and the delete: the foreign key refuses.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2003') {
      throw new AppError('CONFLICT', 'This image has just been put to use. Replace it there first, then delete it.');
    }
    throw error;
  }
  await storage.delete(deleted.storageKey);
  return { id: imageId };
}
