import 'server-only';
import { z } from 'zod';
import { assertCan } from '@/lib/auth/permissions';
import { importScopeSchema } from '@/lib/import/schemas';
import { loadImported, saveImported } from '@/lib/import/import-writes';
import { imageTextSchema } from '@/lib/media/schemas';
import { isValidStorageKey } from '@/lib/media/storage';
import { dbOf, parseInput, recordChange, type OperationArgs, type Outcome } from '@/lib/operations/operation';

const importImagesSchema = z.strictObject({
  ...importScopeSchema,
  images: z
    .array(
      z.strictObject({
        url: z.string().min(1).max(8192),
        file: z.strictObject({
          storageKey: z.string().refine(isValidStorageKey),
          mimeType: z.enum(['image/jpeg', 'image/png', 'image/webp', 'image/avif']),
          width: z.number().int().positive(),
          height: z.number().int().positive(),
          bytes: z.number().int().positive(),
        }),
        text: imageTextSchema,
      }),
    )
    .min(1)
    .max(2000),
});

/** An image as the import's other steps use it. */
export type ImportedImage = { id: string; storageKey: string; width: number; height: number; alt: string; caption: string; credit: string };

/**
 * Adds images an import downloaded (files already stored through the media library's gate,
 * lib/media/media-writes.ts storeImageFile) to the library (`import:content`): their Image rows, uploaded
 * by the import's user, and their ImportedItem rows keyed by the source URL, so a later run or another
 * post reuses them instead of downloading again. One transaction, audited once `import.images`.
 */
export async function importImages(ctx: OperationArgs): Promise<Outcome<Map<string, ImportedImage>>> {
  const { actor, ip } = ctx;
  assertCan(actor, 'import:content');
  const { source, site, images } = parseInput(importImagesSchema, ctx.input);
  return dbOf(ctx).$transaction(async (tx) => {
    const created = await tx.image.createManyAndReturn({
      data: images.map((i) => ({ ...i.file, ...i.text, uploadedById: actor.id })),
      select: { id: true, storageKey: true, width: true, height: true, alt: true, caption: true, credit: true },
    });
    const byKey = new Map(created.map((row) => [row.storageKey, row]));
    const result = new Map(images.map((i) => [i.url, byKey.get(i.file.storageKey)!]));
    const urls = [...result.keys()];
    const existing = await loadImported(tx, { source, site }, 'image', urls);
    await saveImported(
      tx,
      { source, site },
      'image',
      urls.map((url) => ({ sourceId: url, targetId: result.get(url)!.id, checksum: null })),
      existing,
    );
    const change = await recordChange(tx, {
      actor,
      ip,
      action: 'import.images',
      targetType: 'Import',
      targetId: site,
      detail: { source, images: created.length },
      content: null,
    });
    return { result, change };
  });
}
