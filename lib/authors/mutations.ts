import 'server-only';
import { recordAudit } from '@/lib/audit/mutations';
import { staleVersionError } from '@/lib/audit/queries';
import type { Actor } from '@/lib/auth/actor';
import { can } from '@/lib/auth/permissions';
import { createAuthorSchema, updateAuthorSchema } from '@/lib/authors/schemas';
import type { Db } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { invalidInput } from '@/lib/forms/form-input';
import { Prisma } from '@/lib/generated/prisma/client';
import { applyMoveRedirects, clearRedirectFrom } from '@/lib/redirects/mutations';

type Tx = Prisma.TransactionClient;
type Ctx = { db: Db; actor: Actor; ip?: string | null };

/** The reader path of an author page. */
export const authorPath = (slug: string) => `/authors/${slug}`;

function assertManager(actor: Actor): void {
  if (!can(actor, 'manage:authors')) throw new AppError('FORBIDDEN');
}

const fieldError = (field: string, message: string) => new AppError('INVALID', 'Please correct the highlighted fields.', { [field]: [message] });

/** Throws INVALID on the field when the slug is taken, the photo is gone or the user already has a byline. */
async function checkReferences(tx: Tx, v: { slug: string; photoId: string | null; userId: string | null }, exceptId?: string): Promise<void> {
  const not = exceptId ? { id: { not: exceptId } } : {};
  const clash = await tx.author.findFirst({ where: { slug: v.slug, ...not }, select: { name: true } });
  if (clash) throw fieldError('slug', `The author “${clash.name}” already uses this slug. Choose another.`);
  if (v.photoId && !(await tx.image.findUnique({ where: { id: v.photoId }, select: { id: true } }))) throw fieldError('photoId', 'That image no longer exists. Choose another.');
  if (v.userId) {
    const user = await tx.user.findUnique({ where: { id: v.userId }, select: { name: true, author: { select: { id: true, name: true } } } });
    if (!user) throw fieldError('userId', 'That user no longer exists.');
    if (user.author && user.author.id !== exceptId) throw fieldError('userId', `${user.name} is already linked to the author “${user.author.name}”.`);
  }
}

function mapUniqueRace(error: unknown): never {
  if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') {
    const target = String((error.meta as { target?: unknown } | undefined)?.target ?? '');
    throw target.includes('userId') ? fieldError('userId', 'That user is already linked to another author.') : fieldError('slug', 'Another author already uses this slug. Choose another.');
  }
  throw error;
}

/** Creates an author profile (editors and admins); audited `author.created`. */
export async function createAuthor({ db, actor, ip, input }: Ctx & { input: unknown }) {
  assertManager(actor);
  const parsed = createAuthorSchema.safeParse(input);
  if (!parsed.success) throw invalidInput(parsed.error);
  const data = parsed.data;
  const author = await db
    .$transaction(async (tx) => {
      await checkReferences(tx, data);
      const created = await tx.author.create({ data, select: { id: true, slug: true, name: true } });
      await clearRedirectFrom(tx, authorPath(data.slug));
      await recordAudit(tx, { actor, action: 'author.created', targetType: 'Author', targetId: created.id, detail: data, ip });
      return created;
    })
    .catch(mapUniqueRace);
  return { author, change: { authorSlugs: [author.slug] } };
}

/**
 * Saves an author profile conditional on `version` (CONFLICT naming who changed it otherwise). A new
 * name is written into the byline text of their articles (search), a new slug answers 301 from the old
 * author page; audited `author.updated`, all in one transaction.
 */
export async function updateAuthor({ db, actor, ip, input }: Ctx & { input: unknown }) {
  assertManager(actor);
  const parsed = updateAuthorSchema.safeParse(input);
  if (!parsed.success) throw invalidInput(parsed.error);
  const { id, version, ...data } = parsed.data;
  return db
    .$transaction(async (tx) => {
      const before = await tx.author.findUnique({ where: { id } });
      if (!before) throw new AppError('NOT_FOUND', 'This author no longer exists.');
      await checkReferences(tx, data, id);
      const updated = await tx.author.updateMany({ where: { id, version }, data: { ...data, version: { increment: 1 } } });
      if (updated.count === 0) throw await staleVersionError(tx, { targetType: 'Author', targetId: id, label: `the author “${before.name}”` });
      if (data.name !== before.name) {
        // The byline text is kept with each article for search; written here without touching updatedAt.
        await tx.$executeRaw`
          UPDATE "Article" a SET "bylineText" = COALESCE((
            SELECT string_agg(au.name, ', ' ORDER BY aa.position) FROM "ArticleAuthor" aa JOIN "Author" au ON au.id = aa."authorId" WHERE aa."articleId" = a.id
          ), '')
          WHERE a.id IN (SELECT "articleId" FROM "ArticleAuthor" WHERE "authorId" = ${id})`;
      }
      const redirects = await applyMoveRedirects(tx, { fromPrefix: authorPath(before.slug), toPrefix: authorPath(data.slug), childSlugs: [] });
      const was = { name: before.name, slug: before.slug, jobTitle: before.jobTitle, organisation: before.organisation, bio: before.bio, photoId: before.photoId, userId: before.userId };
      await recordAudit(tx, { actor, action: 'author.updated', targetType: 'Author', targetId: id, detail: { before: was, after: data, redirects }, ip });
      return { author: { id, slug: data.slug, version: version + 1 }, change: { authorSlugs: [...new Set([before.slug, data.slug])] } };
    })
    .catch(mapUniqueRace);
}
