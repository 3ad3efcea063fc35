import 'server-only';
import { assertCan } from '@/lib/auth/permissions';
import { storeImageFile } from '@/lib/media/media-writes';
import { uploadImageSchema } from '@/lib/media/schemas';
import type { MediaStorage } from '@/lib/media/storage';
import { getMediaStorage } from '@/lib/media/store';
import { dbOf, parseInput, recordChange, type OperationArgs, type Outcome } from '@/lib/operations/operation';

/**
 * Stores an upload as a new library image (`upload:media`): checks the bytes (type from magic bytes,
 * size, pixels read from the header: lib/media/decide-upload.ts), re-encodes them with sharp, writes the
 * result under a server-generated random key, then creates the Image row with its audit row
 * `media.uploaded`. Refusals are INVALID with a message for the user (field `file`). The original bytes
 * are never stored.
 */
export async function uploadImage(ctx: OperationArgs & { storage?: MediaStorage }) {
  const { actor, ip, storage = getMediaStorage() } = ctx;
  assertCan(actor, 'upload:media');
  const { bytes, text } = parseInput(uploadImageSchema, ctx.input, { under: 'text' });
  // The file first, then the row: a row never points at a missing file (backups rely on it).
  const file = await storeImageFile(storage, bytes);
  const { storageKey, mimeType, width, height } = file;
  try {
    return await dbOf(ctx).$transaction(async (tx) => {
      const image = await tx.image.create({
        data: { ...file, ...text, uploadedById: actor.id },
        select: { id: true, storageKey: true, mimeType: true, width: true, height: true, bytes: true, alt: true, caption: true, credit: true, version: true },
      });
      const change = await recordChange(tx, {
        actor,
        ip,
        action: 'media.uploaded',
        targetType: 'Image',
        targetId: image.id,
        detail: { mimeType, width, height, bytes: file.bytes },
        content: null,
      });
      return { result: image, change } satisfies Outcome<typeof image>;
    });
  } catch (error) {
    await storage.delete(storageKey);
    throw error;
  }
}
