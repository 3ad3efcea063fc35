import { z } from 'zod';
import { articleContentSchema } from '@/lib/articles/schemas';
import { createPageSchema } from '@/lib/pages/schemas';

/** Which export an import operation writes from: the source and the site's identity (ImportedItem.source, .site). */
export const importScopeSchema = { source: z.enum(['wordpress', 'ghost']), site: z.string().trim().min(1).max(500) };

const date = z.iso.datetime({ offset: true }).nullable();
const common = {
  sourceId: z.string().min(1).max(500),
  /** The item's checksum as read; `complete` false (an image was missing) marks it so the next run tries again. */
  checksum: z.string().min(1).max(200),
  complete: z.boolean(),
  createdAt: date,
  modifiedAt: date,
  oldUrls: z.array(z.string().max(2048)).max(10),
};

/**
 * One post or page of a batch as lib/import/import-posts.ts takes it: an article's content exactly as
 * the editor saves it, or a standing page's fields. The runner checks each item with it before the
 * batch goes, so one bad item never fails its batch.
 */
export const importItemSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    ...common,
    kind: z.literal('post'),
    status: z.enum(['PUBLISHED', 'SCHEDULED', 'DRAFT', 'IN_REVIEW']),
    publishedAt: date,
    scheduledAt: date,
    content: articleContentSchema,
  }),
  z.strictObject({ ...common, kind: z.literal('page'), page: createPageSchema }),
]);
export type ImportItem = z.output<typeof importItemSchema>;

/** A batch of posts and pages. */
export const importPostsSchema = z.strictObject({ ...importScopeSchema, items: z.array(importItemSchema).min(1).max(1000) });
