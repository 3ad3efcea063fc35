import 'server-only';
import sharp from 'sharp';
import { AppError } from '@/lib/errors';
import { decideUpload, FORMAT_INFO, MAX_UPLOAD_PIXELS, type ImageFormat } from '@/lib/media/decide-upload';
import type { ImageUsage } from '@/lib/media/queries';
import { newStorageKey, type MediaStorage } from '@/lib/media/storage';
import { contentScope, type ContentScope } from '@/lib/operations/content-scope';

// What the media operations (lib/media/<verb>-image.ts) share. Not operations.

/** Longest side of a stored image: larger uploads are scaled down to it when re-encoded. */
export const MAX_STORED_SIDE = 3200;

// libvips' operation cache would keep decoded uploads in memory after the request.
sharp.cache(false);

/** INVALID on the `file` field. */
export const fileError = (message: string) => new AppError('INVALID', message, { file: [message] });

/**
 * Decodes the upload with every limit on and encodes it again in its own format. Only pixels survive:
 * EXIF (GPS, camera serials), XMP, ICC, comments, text chunks and anything appended after the image
 * (HTML, scripts, ZIP archives of a polyglot) are dropped. The EXIF orientation is applied first.
 */
export async function reencode(bytes: Uint8Array, format: ImageFormat): Promise<{ data: Buffer; width: number; height: number }> {
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

/** A stored image file, as its Image row describes it. */
export type StoredImageFile = { storageKey: string; mimeType: string; width: number; height: number; bytes: number };

/**
 * The media library's gate for new bytes, whoever brings them (an upload, an import): checks them
 * (`decideUpload`: type from magic bytes, size, pixels from the header), re-encodes them (`reencode`) and
 * writes the result under a new random key. Throws INVALID on `file` with a message when refused. The
 * caller creates the Image row after this resolves (a row never points at a missing file) and deletes
 * the file if that fails.
 */
export async function storeImageFile(storage: MediaStorage, bytes: Uint8Array): Promise<StoredImageFile> {
  const decision = decideUpload(bytes);
  if (!decision.ok) throw fileError(decision.message);
  const { data, width, height } = await reencode(bytes, decision.format);
  const { ext, mimeType } = FORMAT_INFO[decision.format];
  const storageKey = newStorageKey(ext);
  await storage.put(storageKey, data);
  return { storageKey, mimeType, width, height, bytes: data.length };
}

/** The reader pages that show an image (visible articles, author pages, standing pages), or null when none does. */
export function scopeOfUsage(usage: ImageUsage): ContentScope | null {
  const visible = usage.articles.filter((a) => a.readerVisible);
  if (visible.length === 0 && usage.authors.length === 0 && usage.pages.length === 0) return null;
  return contentScope({
    articleIds: visible.map((a) => a.id),
    sectionSlugs: [...new Set(visible.map((a) => a.sectionSlug))],
    authorSlugs: usage.authors.map((a) => a.slug),
    pageSlugs: usage.pages.map((p) => p.slug),
    lists: true,
  });
}

/** Where an image is used, in words: "the hero image of 2 articles, the photo of 1 author". */
export function describeUsage(usage: ImageUsage): string {
  const parts: string[] = [];
  const hero = usage.articles.filter((a) => a.asHero).length;
  const inline = usage.articles.filter((a) => a.inline && !a.asHero).length;
  if (hero) parts.push(`the hero image of ${hero} article${hero === 1 ? '' : 's'}`);
  if (inline) parts.push(`in the text of ${inline} article${inline === 1 ? '' : 's'}`);
  if (usage.authors.length) parts.push(`the photo of ${usage.authors.length} author${usage.authors.length === 1 ? '' : 's'}`);
  if (usage.pages.length) parts.push(`in the text of ${usage.pages.length} page${usage.pages.length === 1 ? '' : 's'}`);
  return parts.join(', ');
}
