import 'server-only';
import { staleVersionError } from '@/lib/audit/queries';
import { AppError } from '@/lib/errors';
import type { Prisma } from '@/lib/generated/prisma/client';
import { contentScope, type ContentScope } from '@/lib/operations/content-scope';
import { decidePositionUpdates, decideSectionOrder, type SectionMove } from '@/lib/sections/decide-section-order';

// What the section operations (lib/sections/<verb>-section.ts) share. Not operations.

export type Tx = Prisma.TransactionClient;

/** A section change is seen on every page (the navigation lists sections). */
export const sectionScope = (slugs: string[]): ContentScope => contentScope({ sectionSlugs: [...new Set(slugs)], lists: true });

export async function loadSectionOrThrow(tx: Tx, id: string) {
  const section = await tx.section.findUnique({ where: { id }, select: { id: true, name: true, slug: true, description: true, parentId: true, position: true, version: true } });
  if (!section) throw new AppError('NOT_FOUND', 'This section no longer exists.');
  return section;
}

export const staleSection = (tx: Tx, section: { id: string; name: string }) => staleVersionError(tx, { targetType: 'Section', targetId: section.id, label: `the section “${section.name}”` });

/** Claims the row at `version` (bumping it), or throws CONFLICT naming who changed it last. */
export async function claimSectionVersion(tx: Tx, section: { id: string; name: string }, version: number, data: Prisma.SectionUpdateManyMutationInput = {}) {
  const updated = await tx.section.updateMany({ where: { id: section.id, version }, data: { ...data, version: { increment: 1 } } });
  if (updated.count === 0) throw await staleSection(tx, section);
}

/** Moves a section among its siblings (same parent) and renumbers them; other moved rows get a new version too. */
export async function reorderSection(tx: Tx, section: { id: string; parentId: string | null }, move: SectionMove): Promise<boolean> {
  const siblings = await tx.section.findMany({
    where: { parentId: section.parentId },
    orderBy: [{ position: 'asc' }, { name: 'asc' }, { id: 'asc' }],
    select: { id: true, position: true },
  });
  const ordered = decideSectionOrder(
    siblings.map((s) => s.id),
    section.id,
    move,
  );
  const updates = decidePositionUpdates(ordered, new Map(siblings.map((s) => [s.id, s.position])));
  for (const { id, position } of updates) {
    await tx.section.update({ where: { id }, data: { position, ...(id === section.id ? {} : { version: { increment: 1 } }) } });
  }
  return updates.length > 0;
}
