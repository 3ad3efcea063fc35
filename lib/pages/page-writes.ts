import 'server-only';
import { AppError, INVALID_FIELDS_MESSAGE } from '@/lib/errors';
import type { Prisma } from '@/lib/generated/prisma/client';
import { isUniqueViolation, slugTakenError } from '@/lib/operations/unique-slug';
import type { PageRoleName } from '@/lib/pages/page-roles';

/** How a refusal names the page of each role. */
const ROLE_PAGE_NAMES: Record<PageRoleName, string> = { ABOUT: 'about', CONTACT: 'contact', ETHICS: 'ethics and corrections policy', MASTHEAD: 'masthead' };

type Tx = Prisma.TransactionClient;

/** INVALID on `role` when another page (not `exceptId`) already has it: each role belongs to one page. */
export async function assertRoleFree(tx: Tx, role: PageRoleName | null, exceptId?: string): Promise<void> {
  if (!role) return;
  const clash = await tx.page.findFirst({ where: { role, ...(exceptId ? { id: { not: exceptId } } : {}) }, select: { title: true } });
  if (clash) throw roleTakenError(role, clash.title);
}

function roleTakenError(role: PageRoleName, title?: string): AppError {
  const owner = title ? `The page “${title}”` : 'Another page';
  return new AppError('INVALID', INVALID_FIELDS_MESSAGE, { role: [`${owner} is already the ${ROLE_PAGE_NAMES[role]} page. Change its role first, or choose none.`] });
}

/** For `.catch` on a transaction: a slug or role race lost at commit time reads like the checked case. */
export function mapPageRace(role: PageRoleName | null): (error: unknown) => never {
  return (error) => {
    if (isUniqueViolation(error, 'role') && role) throw roleTakenError(role);
    if (isUniqueViolation(error)) throw slugTakenError('page');
    throw error;
  };
}

/**
 * Makes `fromPath` answer 301 to `toPath` after a page moved, inside the caller's transaction: earlier
 * redirects to the old path now point at the new one (no chains), and none is left from the new path.
 */
export async function redirectMovedPage(tx: Pick<Tx, 'redirect'>, fromPath: string, toPath: string): Promise<number> {
  if (fromPath === toPath) return 0;
  await tx.redirect.deleteMany({ where: { fromPath: toPath } });
  await tx.redirect.updateMany({ where: { toPath: fromPath }, data: { toPath } });
  await tx.redirect.upsert({ where: { fromPath }, create: { fromPath, toPath }, update: { toPath } });
  return 1;
}
