import 'server-only';
import { assertCan } from '@/lib/auth/permissions';
import { AppError } from '@/lib/errors';
import { Prisma } from '@/lib/generated/prisma/client';
import { describeUsage } from '@/lib/media/media-writes';
import { canDeleteImage } from '@/lib/media/permissions';
import { findImageUsage, isInUse } from '@/lib/media/queries';
import { deleteImageSchema } from '@/lib/media/schemas';
import type { MediaStorage } from '@/lib/media/storage';
import { getMediaStorage } from '@/lib/media/store';
import { dbOf, recordChange, type OperationArgs, type Outcome } from '@/lib/operations/operation';

const gone = () => new AppError('NOT_FOUND', 'This image does not exist (it may have been deleted).');

/**
 * Deletes an image and its file (editors any image, others their own uploads). Refused (CONFLICT,
 * with a message saying where) while the image is a hero, inline in any article body (trashed ones
 * included) or an author's photo. Audited `media.deleted`.
 */
export async function deleteImage(ctx: OperationArgs & { storage?: MediaStorage }): Promise<Outcome<{ id: string }>> {
  const { actor, ip, storage = getMediaStorage() } = ctx;
  assertCan(actor, 'upload:media');
  const parsed = deleteImageSchema.safeParse(ctx.input);
  if (!parsed.success) throw gone();
  const { imageId } = parsed.data;
  let outcome: Outcome<{ id: string }> & { storageKey: string };
  try {
    outcome = await dbOf(ctx).$transaction(async (tx) => {
      const image = await tx.image.findUnique({ where: { id: imageId }, select: { id: true, storageKey: true, uploadedById: true } });
      if (!image) throw gone();
      if (!canDeleteImage(actor, image)) throw new AppError('FORBIDDEN', 'Only editors and the person who uploaded it may delete this image.');
      const usage = await findImageUsage(tx, image);
      if (isInUse(usage)) throw new AppError('CONFLICT', `This image is still used (${describeUsage(usage)}). Replace it there first, then delete it.`);
      await tx.image.delete({ where: { id: image.id } });
      const change = await recordChange(tx, { actor, ip, action: 'media.deleted', targetType: 'Image', targetId: image.id, detail: { storageKey: image.storageKey }, content: null });
      return { result: { id: image.id }, change, storageKey: image.storageKey };
    });
  } catch (error) {
    // An article picked the image as its hero between the check and the delete: the foreign key refuses.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2003') {
      throw new AppError('CONFLICT', 'This image has just been put to use. Replace it there first, then delete it.');
    }
    throw error;
  }
  await storage.delete(outcome.storageKey);
  return { result: outcome.result, change: outcome.change };
}
