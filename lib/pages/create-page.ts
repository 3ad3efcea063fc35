import 'server-only';
import { assertCan } from '@/lib/auth/permissions';
import { dbOf, parseInput, recordChange, type OperationArgs, type Outcome } from '@/lib/operations/operation';
import { assertSlugFree } from '@/lib/operations/unique-slug';
import { pageListScope } from '@/lib/pages/decide-page-scope';
import { assertRoleFree, mapPageRace } from '@/lib/pages/page-writes';
import { createPageSchema } from '@/lib/pages/schemas';
import { clearRedirectFrom } from '@/lib/redirects/mutations';
import { standingPagePath } from '@/lib/routes';

/**
 * Creates a standing page (`manage:pages`): its slug unused by any other page, its role (if any) by
 * no other page. Audited `page.created`; every reader page is purged, since every footer may list it.
 */
export async function createPage(ctx: OperationArgs): Promise<Outcome<{ id: string; slug: string; title: string }>> {
  const { actor, ip } = ctx;
  assertCan(actor, 'manage:pages');
  const data = parseInput(createPageSchema, ctx.input);
  return dbOf(ctx)
    .$transaction(async (tx) => {
      await assertSlugFree('page', (where) => tx.page.findFirst({ where, select: { title: true } }).then((p) => p && { name: p.title }), data.slug);
      await assertRoleFree(tx, data.role);
      const created = await tx.page.create({ data, select: { id: true, slug: true, title: true } });
      await clearRedirectFrom(tx, standingPagePath(data.slug));
      const change = await recordChange(tx, {
        actor,
        ip,
        action: 'page.created',
        targetType: 'Page',
        targetId: created.id,
        detail: { title: data.title, slug: data.slug, role: data.role, showInFooter: data.showInFooter, position: data.position },
        content: pageListScope(data.slug),
      });
      return { result: created, change };
    })
    .catch(mapPageRace(data.role));
}
