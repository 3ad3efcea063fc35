import 'server-only';
import { assertCan } from '@/lib/auth/permissions';
import { dbOf, parseInput, recordChange, type OperationArgs, type Outcome } from '@/lib/operations/operation';
import { moveSectionSchema } from '@/lib/sections/schemas';
import { claimSectionVersion, loadSectionOrThrow, reorderSection, sectionScope } from '@/lib/sections/section-writes';

/** Moves a section one place up or down among its siblings, conditional on `version` (`manage:sections`); audited `section.moved`. */
export async function moveSection(ctx: OperationArgs): Promise<Outcome<{ moved: boolean }>> {
  const { actor, ip } = ctx;
  assertCan(actor, 'manage:sections');
  const { id, version, direction } = parseInput(moveSectionSchema, ctx.input);
  return dbOf(ctx).$transaction(async (tx) => {
    const section = await loadSectionOrThrow(tx, id);
    await claimSectionVersion(tx, section, version);
    const moved = await reorderSection(tx, section, { direction });
    const change = await recordChange(tx, { actor, ip, action: 'section.moved', targetType: 'Section', targetId: id, detail: { direction, moved }, content: sectionScope([section.slug]) });
    return { result: { moved }, change };
  });
}
