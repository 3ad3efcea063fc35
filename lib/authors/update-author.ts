import 'server-only';
import { staleVersionError } from '@/lib/audit/queries';
import { assertCan } from '@/lib/auth/permissions';
import { checkAuthorReferences, mapAuthorRace } from '@/lib/authors/author-writes';
import { updateAuthorSchema } from '@/lib/authors/schemas';
import { AppError } from '@/lib/errors';
import { contentScope } from '@/lib/operations/content-scope';
import { dbOf, parseInput, recordChange, type OperationArgs, type Outcome } from '@/lib/operations/operation';
import { applyMoveRedirects } from '@/lib/redirects/mutations';
import { authorPath } from '@/lib/routes';

/**
 * Saves an author profile conditional on `version` (CONFLICT naming who changed it otherwise;
 * `manage:authors`). A new name is written into the byline text of their articles (search), a new slug
 * answers 301 from the old author page; audited `author.updated`, all in one transaction.
 */
export async function updateAuthor(ctx: OperationArgs): Promise<Outcome<{ id: string; slug: string; version: number }>> {
  const { actor, ip } = ctx;
  assertCan(actor, 'manage:authors');
  const { id, version, ...data } = parseInput(updateAuthorSchema, ctx.input);
  return dbOf(ctx)
    .$transaction(async (tx) => {
      const before = await tx.author.findUnique({ where: { id } });
      if (!before) throw new AppError('NOT_FOUND', 'This author no longer exists.');
      await checkAuthorReferences(tx, data, id);
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
      const change = await recordChange(tx, {
        actor,
        ip,
        action: 'author.updated',
        targetType: 'Author',
        targetId: id,
        detail: { before: was, after: data, redirects },
        content: contentScope({ authorSlugs: [...new Set([before.slug, data.slug])], lists: true }),
      });
      return { result: { id, slug: data.slug, version: version + 1 }, change };
    })
    .catch(mapAuthorRace);
}
