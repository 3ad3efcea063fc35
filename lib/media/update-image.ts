import 'server-only';
import { assertCan } from '@/lib/auth/permissions';
import { AppError } from '@/lib/errors';
import { scopeOfUsage } from '@/lib/media/media-writes';
import { canEditImage } from '@/lib/media/permissions';
import { findImageUsage } from '@/lib/media/queries';
import { updateImageSchema } from '@/lib/media/schemas';
import { dbOf, parseInput, recordChange, type OperationArgs, type Outcome } from '@/lib/operations/operation';

/**
 * Changes an image's alt text, caption and credit (editors any image, others their own uploads),
 * conditional on `baseVersion` (CONFLICT when someone saved in between: never a silent overwrite).
 * Audited `media.updated`; its change covers the reader pages that show the image.
 */
export async function updateImage(ctx: OperationArgs): Promise<Outcome<{ id: string; version: number }>> {
  const { actor, ip } = ctx;
  assertCan(actor, 'upload:media');
  const { imageId, baseVersion, text } = parseInput(updateImageSchema, ctx.input, { under: 'text' });
  return dbOf(ctx).$transaction(async (tx) => {
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
    const usage = await findImageUsage(tx, image);
    const change = await recordChange(tx, {
      actor,
      ip,
      action: 'media.updated',
      targetType: 'Image',
      targetId: image.id,
      detail: { version: baseVersion + 1 },
      content: scopeOfUsage(usage),
    });
    return { result: { id: image.id, version: baseVersion + 1 }, change };
  });
}
