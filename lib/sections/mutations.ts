import 'server-only';
import { recordAudit } from '@/lib/audit/mutations';
import { staleVersionError } from '@/lib/audit/queries';
import type { Actor } from '@/lib/auth/actor';
import { can } from '@/lib/auth/permissions';
import type { Db } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { invalidInput } from '@/lib/forms/form-input';
import { Prisma } from '@/lib/generated/prisma/client';
import { applyMoveRedirects, clearRedirectFrom } from '@/lib/redirects/mutations';
import { decidePositionUpdates, decideSectionOrder, type SectionMove } from '@/lib/sections/decide-section-order';
import { createSectionSchema, deleteSectionSchema, moveSectionSchema, updateSectionSchema } from '@/lib/sections/schemas';

type Tx = Prisma.TransactionClient;
type Ctx = { db: Db; actor: Actor; ip?: string | null };

/** What readers may see differently after a section change, for `revalidateContent` after the commit. */
export type SectionChange = { sectionSlugs: string[] };

function assertManager(actor: Actor): void {
  if (!can(actor, 'manage:sections')) throw new AppError('FORBIDDEN');
}

const slugTaken = (name: string) => new AppError('INVALID', 'Please correct the highlighted fields.', { slug: [`The section “${name}” already uses this slug. Choose another.`] });

async function assertSlugFree(tx: Tx, slug: string, exceptId?: string): Promise<void> {
  const clash = await tx.section.findFirst({ where: { slug, ...(exceptId ? { id: { not: exceptId } } : {}) }, select: { name: true } });
  if (clash) throw slugTaken(clash.name);
}

/** A unique-slug race lost at commit time reads like the checked case. */
function mapSlugRace(error: unknown): never {
  if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') throw slugTaken('another section');
  throw error;
}

async function loadOrThrow(tx: Tx, id: string) {
  const section = await tx.section.findUnique({ where: { id }, select: { id: true, name: true, slug: true, description: true, parentId: true, position: true, version: true } });
  if (!section) throw new AppError('NOT_FOUND', 'This section no longer exists.');
  return section;
}

/** Claims the row at `version` (bumping it), or throws CONFLICT naming who changed it last. */
async function claimVersion(tx: Tx, section: { id: string; name: string }, version: number, data: Prisma.SectionUpdateManyMutationInput = {}) {
  const updated = await tx.section.updateMany({ where: { id: section.id, version }, data: { ...data, version: { increment: 1 } } });
  if (updated.count === 0) throw await staleVersionError(tx, { targetType: 'Section', targetId: section.id, label: `the section “${section.name}”` });
}

/** Siblings of a section (same parent) in their shown order. */
function siblingsOf(tx: Tx, parentId: string | null) {
  return tx.section.findMany({ where: { parentId }, orderBy: [{ position: 'asc' }, { name: 'asc' }, { id: 'asc' }], select: { id: true, position: true } });
}

/** Moves a section among its siblings and renumbers them; other moved rows get a new version too. */
async function reorder(tx: Tx, section: { id: string; parentId: string | null }, move: SectionMove): Promise<boolean> {
  const siblings = await siblingsOf(tx, section.parentId);
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

/** Creates a top-level section at the end of the order (editors and admins); audited `section.created`. */
export async function createSection({ db, actor, ip, input }: Ctx & { input: unknown }) {
  assertManager(actor);
  const parsed = createSectionSchema.safeParse(input);
  if (!parsed.success) throw invalidInput(parsed.error);
  const { name, slug, description } = parsed.data;
  const section = await db
    .$transaction(async (tx) => {
      await assertSlugFree(tx, slug);
      const last = await tx.section.aggregate({ where: { parentId: null }, _max: { position: true } });
      const created = await tx.section.create({ data: { name, slug, description, position: (last._max.position ?? -1) + 1 }, select: { id: true, slug: true, name: true } });
      await clearRedirectFrom(tx, `/${slug}`);
      await recordAudit(tx, { actor, action: 'section.created', targetType: 'Section', targetId: created.id, detail: { name, slug }, ip });
      return created;
    })
    .catch(mapSlugRace);
  return { section, change: { sectionSlugs: [section.slug] } satisfies SectionChange };
}

/**
 * Saves a section's name, slug, description and place, conditional on `version` (CONFLICT otherwise).
 * A new slug moves the section front and every article readers may have seen (published at some time,
 * not in the trash) with 301s, and earlier redirects to the old paths are pointed at the new ones; all
 * in one transaction with the audit row `section.updated`.
 */
export async function updateSection({ db, actor, ip, input }: Ctx & { input: unknown }) {
  assertManager(actor);
  const parsed = updateSectionSchema.safeParse(input);
  if (!parsed.success) throw invalidInput(parsed.error);
  const { id, version, name, slug, description, place } = parsed.data;
  return db
    .$transaction(async (tx) => {
      const before = await loadOrThrow(tx, id);
      if (slug !== before.slug) await assertSlugFree(tx, slug, id);
      await claimVersion(tx, before, version, { name, slug, description });
      const moved = place === undefined ? false : await reorder(tx, before, { place });
      let redirects = 0;
      if (slug !== before.slug) {
        const articles = await tx.article.findMany({ where: { sectionId: id, publishedAt: { not: null }, deletedAt: null }, select: { slug: true } });
        redirects = await applyMoveRedirects(tx, { fromPrefix: `/${before.slug}`, toPrefix: `/${slug}`, childSlugs: articles.map((a) => a.slug) });
      }
      await recordAudit(tx, {
        actor,
        action: 'section.updated',
        targetType: 'Section',
        targetId: id,
        detail: { before: { name: before.name, slug: before.slug, description: before.description }, after: { name, slug, description }, moved, redirects },
        ip,
      });
      return { section: { id, name, slug, version: version + 1 }, redirects, change: { sectionSlugs: [...new Set([before.slug, slug])] } satisfies SectionChange };
    })
    .catch(mapSlugRace);
}

/** Moves a section one place up or down among its siblings, conditional on `version`; audited `section.moved`. */
export async function moveSection({ db, actor, ip, input }: Ctx & { input: unknown }) {
  assertManager(actor);
  const parsed = moveSectionSchema.safeParse(input);
  if (!parsed.success) throw invalidInput(parsed.error);
  const { id, version, direction } = parsed.data;
  return db.$transaction(async (tx) => {
    const section = await loadOrThrow(tx, id);
    await claimVersion(tx, section, version);
    const moved = await reorder(tx, section, { direction });
    await recordAudit(tx, { actor, action: 'section.moved', targetType: 'Section', targetId: id, detail: { direction, moved }, ip });
    return { moved, change: { sectionSlugs: [section.slug] } satisfies SectionChange };
  });
}

/** Deletes a section that has no articles (not even in the trash) and no subsections; audited `section.deleted`. */
export async function deleteSection({ db, actor, ip, input }: Ctx & { input: unknown }) {
  assertManager(actor);
  const parsed = deleteSectionSchema.safeParse(input);
  if (!parsed.success) throw invalidInput(parsed.error);
  const { id, version } = parsed.data;
  const refused = (error: unknown): never => {
    // An article or subsection added between the count and the delete: the database refuses (Restrict).
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2003') throw new AppError('CONFLICT', 'Something was just added to this section. Reload the page.');
    throw error;
  };
  return db.$transaction(async (tx) => {
    const section = await loadOrThrow(tx, id);
    const articles = await tx.article.count({ where: { sectionId: id } });
    if (articles > 0) {
      throw new AppError('CONFLICT', `“${section.name}” still has ${articles} article${articles === 1 ? '' : 's'} (counting drafts and the trash). Move them to another section first.`);
    }
    const children = await tx.section.count({ where: { parentId: id } });
    if (children > 0) throw new AppError('CONFLICT', `“${section.name}” has subsections. Delete or move them first.`);
    const deleted = await tx.section.deleteMany({ where: { id, version } });
    if (deleted.count === 0) throw await staleVersionError(tx, { targetType: 'Section', targetId: id, label: `the section “${section.name}”` });
    await recordAudit(tx, { actor, action: 'section.deleted', targetType: 'Section', targetId: id, detail: { name: section.name, slug: section.slug }, ip });
    return { change: { sectionSlugs: [section.slug] } satisfies SectionChange };
  }).catch(refused);
}
