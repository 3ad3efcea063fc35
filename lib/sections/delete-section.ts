import 'server-only';
import { assertCan } from '@/lib/auth/permissions';
import { AppError } from '@/lib/errors';
import { Prisma } from '@/lib/generated/prisma/client';
import { dbOf, parseInput, recordChange, type OperationArgs, type Outcome } from '@/lib/operations/operation';
import { deleteSectionSchema } from '@/lib/sections/schemas';
import { loadSectionOrThrow, sectionScope, staleSection } from '@/lib/sections/section-writes';

/** Deletes a section that has no articles (not even in the trash) and no subsections (`manage:sections`); audited `section.deleted`. */
export async function deleteSection(ctx: OperationArgs): Promise<Outcome<null>> {
  const { actor, ip } = ctx;
  assertCan(actor, 'manage:sections');
  const { id, version } = parseInput(deleteSectionSchema, ctx.input);
  const refused = (error: unknown): never => {
    // An article or subsection added between the count and the delete: the database refuses (Restrict).
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2003') throw new AppError('CONFLICT', 'Something was just added to this section. Reload the page.');
    throw error;
  };
  return dbOf(ctx)
    .$transaction(async (tx) => {
      const section = await loadSectionOrThrow(tx, id);
      const articles = await tx.article.count({ where: { sectionId: id } });
      if (articles > 0) {
        throw new AppError('CONFLICT', `“${section.name}” still has ${articles} article${articles === 1 ? '' : 's'} (counting drafts and the trash). Move them to another section first.`);
      }
      const children = await tx.section.count({ where: { parentId: id } });
      if (children > 0) throw new AppError('CONFLICT', `“${section.name}” has subsections. Delete or move them first.`);
      const deleted = await tx.section.deleteMany({ where: { id, version } });
      if (deleted.count === 0) throw await staleSection(tx, section);
      const change = await recordChange(tx, { actor, ip, action: 'section.deleted', targetType: 'Section', targetId: id, detail: { name: section.name, slug: section.slug }, content: sectionScope([section.slug]) });
      return { result: null, change };
    })
    .catch(refused);
}
