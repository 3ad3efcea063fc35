import 'server-only';
import type { Prisma } from '@/lib/generated/prisma/client';
import { slugify } from '@/lib/text/slug';

/** The ids of the tags named, creating the missing ones (by slug), in the order given and without repeats. */
export async function upsertTags(tx: Pick<Prisma.TransactionClient, 'tag'>, names: readonly string[]): Promise<string[]> {
  const ids: string[] = [];
  for (const name of names) {
    const slug = slugify(name);
    if (!slug) continue;
    const tag = await tx.tag.upsert({ where: { slug }, update: {}, create: { name, slug }, select: { id: true } });
    if (!ids.includes(tag.id)) ids.push(tag.id);
  }
  return ids;
}
