import 'server-only';
import { assertCan } from '@/lib/auth/permissions';
import { dbOf, parseInput, recordChange, type OperationArgs, type Outcome } from '@/lib/operations/operation';
import { assertSlugFree, mapSlugRace } from '@/lib/operations/unique-slug';
import { applyMoveRedirects } from '@/lib/redirects/mutations';
import { sectionPath } from '@/lib/routes';
import { updateSectionSchema } from '@/lib/sections/schemas';
import { claimSectionVersion, loadSectionOrThrow, reorderSection, sectionScope } from '@/lib/sections/section-writes';

/**
 * Saves a section's name, slug, description and place, conditional on `version` (CONFLICT otherwise;
 * `manage:sections`). A new slug moves the section front and every article readers may have seen
 * (published at some time, not in the trash) with 301s, and earlier redirects to the old paths are
 * pointed at the new ones; all in one transaction with the audit row `section.updated`.
 */
export async function updateSection(ctx: OperationArgs): Promise<Outcome<{ section: { id: string; name: string; slug: string; version: number }; redirects: number }>> {
  const { actor, ip } = ctx;
  assertCan(actor, 'manage:sections');
  const { id, version, name, slug, description, place } = parseInput(updateSectionSchema, ctx.input);
  return dbOf(ctx)
    .$transaction(async (tx) => {
      const before = await loadSectionOrThrow(tx, id);
      if (slug !== before.slug) await assertSlugFree('section', (where) => tx.section.findFirst({ where, select: { name: true } }), slug, id);
      await claimSectionVersion(tx, before, version, { name, slug, description });
      const moved = place === undefined ? false : await reorderSection(tx, before, { place });
      let redirects = 0;
      if (slug !== before.slug) {
        const articles = await tx.article.findMany({ where: { sectionId: id, publishedAt: { not: null }, deletedAt: null }, select: { slug: true } });
        redirects = await applyMoveRedirects(tx, { fromPrefix: sectionPath(before.slug), toPrefix: sectionPath(slug), childSlugs: articles.map((a) => a.slug) });
      }
      const change = await recordChange(tx, {
        actor,
        ip,
        action: 'section.updated',
        targetType: 'Section',
        targetId: id,
        detail: { before: { name: before.name, slug: before.slug, description: before.description }, after: { name, slug, description }, moved, redirects },
        content: sectionScope([before.slug, slug]),
      });
      return { result: { section: { id, name, slug, version: version + 1 }, redirects }, change };
    })
    .catch(mapSlugRace('section'));
}
