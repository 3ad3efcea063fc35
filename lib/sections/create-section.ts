import 'server-only';
import { assertCan } from '@/lib/auth/permissions';
import { dbOf, parseInput, recordChange, type OperationArgs, type Outcome } from '@/lib/operations/operation';
import { assertSlugFree, mapSlugRace } from '@/lib/operations/unique-slug';
import { clearRedirectFrom } from '@/lib/redirects/mutations';
import { sectionPath } from '@/lib/routes';
import { createSectionSchema } from '@/lib/sections/schemas';
import { sectionScope } from '@/lib/sections/section-writes';

/** Creates a top-level section at the end of the order (`manage:sections`); audited `section.created`. */
export async function createSection(ctx: OperationArgs): Promise<Outcome<{ id: string; slug: string; name: string }>> {
  const { actor, ip } = ctx;
  assertCan(actor, 'manage:sections');
  const { name, slug, description } = parseInput(createSectionSchema, ctx.input);
  return dbOf(ctx)
    .$transaction(async (tx) => {
      await assertSlugFree('section', (where) => tx.section.findFirst({ where, select: { name: true } }), slug, undefined, { name });
      const last = await tx.section.aggregate({ where: { parentId: null }, _max: { position: true } });
      const created = await tx.section.create({ data: { name, slug, description, position: (last._max.position ?? -1) + 1 }, select: { id: true, slug: true, name: true } });
      await clearRedirectFrom(tx, sectionPath(slug));
      const change = await recordChange(tx, { actor, ip, action: 'section.created', targetType: 'Section', targetId: created.id, detail: { name, slug }, content: sectionScope([slug]) });
      return { result: created, change };
    })
    .catch(mapSlugRace('section'));
}
