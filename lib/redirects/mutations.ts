import 'server-only';
import type { Prisma } from '@/lib/generated/prisma/client';
import { decideMoveRedirects } from '@/lib/redirects/decide-move-redirects';

type RedirectWriter = Pick<Prisma.TransactionClient, 'redirect'>;

/**
 * Writes the 301s for moving `fromPrefix` (and `fromPrefix/<child>` for each child slug) to `toPrefix`,
 * inside the caller's transaction, collapsing chains as `decideMoveRedirects` plans. Returns the number
 * of rows written.
 */
export async function applyMoveRedirects(tx: RedirectWriter, move: { fromPrefix: string; toPrefix: string; childSlugs: readonly string[] }): Promise<number> {
  const { fromPrefix, toPrefix } = move;
  if (fromPrefix === toPrefix) return 0;
  const touched = [fromPrefix, toPrefix, ...move.childSlugs.flatMap((slug) => [`${fromPrefix}/${slug}`, `${toPrefix}/${slug}`])];
  const existing = await tx.redirect.findMany({
    where: { OR: [{ toPath: fromPrefix }, { toPath: { startsWith: `${fromPrefix}/` } }, { fromPath: { in: touched } }] },
    select: { fromPath: true, toPath: true },
  });
  const plan = decideMoveRedirects({ ...move, existing });
  await tx.redirect.deleteMany({ where: { fromPath: { in: plan.deleteFromPaths } } });
  await tx.redirect.createMany({ data: plan.insert });
  return plan.insert.length;
}

/** Drops a redirect from `path`, which now has a page of its own (a new section, campaign or author). */
export async function clearRedirectFrom(tx: RedirectWriter, path: string): Promise<void> {
  await tx.redirect.deleteMany({ where: { fromPath: path } });
}
