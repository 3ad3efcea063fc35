import 'server-only';
import { LRUCache } from 'lru-cache';
import sharp from 'sharp';
import { cropSize, type CropAspect } from '@/lib/media/decide-crop';
import { MAX_UPLOAD_PIXELS } from '@/lib/media/decide-upload';
import { getMediaStorage } from '@/lib/media/store';

/** Crops made in this process, by aspect and key (keys are never reused, so a crop never goes stale). 32 MB. */
const crops = new LRUCache<string, Buffer>({ maxSize: 32 * 1024 * 1024, sizeCalculation: (b) => Math.max(1, b.byteLength) });
/** Crops being made: concurrent requests for one share its work. */
const making = new Map<string, Promise<Buffer | null>>();

/**
 * A stored image cropped to one of Google's structured-data aspects (`attention` keeps the busiest part
 * of the picture), as JPEG, or null when there is no such image. Made once per process and kept.
 */
export async function croppedImage(key: string, aspect: CropAspect): Promise<Buffer | null> {
  const cacheKey = `${aspect}/${key}`;
  const kept = crops.get(cacheKey);
  if (kept) return kept;
  let work = making.get(cacheKey);
  if (!work) {
    work = makeCrop(key, aspect).finally(() => making.delete(cacheKey));
    making.set(cacheKey, work);
  }
  const data = await work;
  if (data) crops.set(cacheKey, data);
  return data;
}

async function makeCrop(key: string, aspect: CropAspect): Promise<Buffer | null> {
  const bytes = await getMediaStorage().get(key);
  if (!bytes) return null;
  const image = sharp(bytes, { limitInputPixels: MAX_UPLOAD_PIXELS, animated: false });
  const meta = await image.metadata();
  const size = cropSize(aspect, { width: meta.width ?? 1, height: meta.height ?? 1 });
  // JPEG has no transparency: a transparent PNG or WebP goes on white, not black.
  return image.resize({ ...size, fit: 'cover', position: sharp.strategy.attention }).flatten({ background: '#ffffff' }).jpeg({ quality: 82, mozjpeg: true }).toBuffer();
}
