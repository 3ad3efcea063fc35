import 'server-only';
import { staleVersionError } from '@/lib/audit/queries';
import { assertCan } from '@/lib/auth/permissions';
import { AppError } from '@/lib/errors';
import { dbOf, parseInput, recordChange, type OperationArgs, type Outcome } from '@/lib/operations/operation';
import { pageListScope } from '@/lib/pages/decide-page-scope';
import { deletePageSchema } from '@/lib/pages/schemas';

/**
 * Deletes a standing page conditional on `version` (`manage:pages`); its address answers 404 from then
 * on. Audited `page.deleted` with its title and slug; every reader page is purged (the footer).
 */
export async function deletePage(ctx: OperationArgs): Promise<Outcome<{ id: string; slug: string }>> {
  const { actor, ip } = ctx;
  assertCan(actor, 'manage:pages');
  const { id, version } = parseInput(deletePageSchema, ctx.input);
  return dbOf(ctx).$transaction(async (tx) => {
    const page = await tx.page.findUnique({ where: { id }, select: { title: true, slug: true, role: true } });
    if (!page) throw new AppError('NOT_FOUND', 'This page no longer exists.');
    const deleted = await tx.page.deleteMany({ where: { id, version } });
    if (deleted.count === 0) throw await staleVersionError(tx, { targetType: 'Page', targetId: id, label: `the page “${page.title}”` });
    const change = await recordChange(tx, {
      actor,
      ip,
      action: 'page.deleted',
      targetType: 'Page',
      targetId: id,
      detail: { title: page.title, slug: page.slug, role: page.role },
      content: pageListScope(page.slug),
    });
    return { result: { id, slug: page.slug }, change };
  });
}
