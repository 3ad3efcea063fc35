import 'server-only';
import { staleVersionError } from '@/lib/audit/queries';
import { assertCan } from '@/lib/auth/permissions';
import { AppError } from '@/lib/errors';
import { dbOf, parseInput, recordChange, type OperationArgs, type Outcome } from '@/lib/operations/operation';
import { assertSlugFree } from '@/lib/operations/unique-slug';
import { decidePageScope } from '@/lib/pages/decide-page-scope';
import { assertRoleFree, mapPageRace, redirectMovedPage } from '@/lib/pages/page-writes';
import { updatePageSchema } from '@/lib/pages/schemas';
import { standingPagePath } from '@/lib/routes';

/**
 * Saves a standing page conditional on `version` (CONFLICT naming who changed it otherwise;
 * `manage:pages`). A new slug answers 301 from the old address. What is purged follows
 * `decidePageScope`: every page when the footer or the JSON-LD changes, else the page alone. Audited
 * `page.updated` in the same transaction.
 */
export async function updatePage(ctx: OperationArgs): Promise<Outcome<{ id: string; slug: string; version: number }>> {
  const { actor, ip } = ctx;
  assertCan(actor, 'manage:pages');
  const { id, version, ...data } = parseInput(updatePageSchema, ctx.input);
  return dbOf(ctx)
    .$transaction(async (tx) => {
      const before = await tx.page.findUnique({ where: { id } });
      if (!before) throw new AppError('NOT_FOUND', 'This page no longer exists.');
      if (data.slug !== before.slug) {
        await assertSlugFree('page', (where) => tx.page.findFirst({ where, select: { title: true } }).then((p) => p && { name: p.title }), data.slug, id);
      }
      await assertRoleFree(tx, data.role, id);
      const updated = await tx.page.updateMany({ where: { id, version }, data: { ...data, version: { increment: 1 } } });
      if (updated.count === 0) throw await staleVersionError(tx, { targetType: 'Page', targetId: id, label: `the page “${before.title}”` });
      const redirects = await redirectMovedPage(tx, standingPagePath(before.slug), standingPagePath(data.slug));
      const change = await recordChange(tx, {
        actor,
        ip,
        action: 'page.updated',
        targetType: 'Page',
        targetId: id,
        detail: {
          before: { title: before.title, slug: before.slug, role: before.role, showInFooter: before.showInFooter, position: before.position },
          after: { title: data.title, slug: data.slug, role: data.role, showInFooter: data.showInFooter, position: data.position },
          bodyChanged: JSON.stringify(before.body) !== JSON.stringify(data.body),
          redirects,
        },
        content: decidePageScope(before, data),
      });
      return { result: { id, slug: data.slug, version: version + 1 }, change };
    })
    .catch(mapPageRace(data.role));
}
