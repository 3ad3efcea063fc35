import 'server-only';
import { assertCan } from '@/lib/auth/permissions';
import { emptyBody } from '@/lib/articles/body-schema';
import { checkReferences, contentColumns, freeSlugIn, mapArticleSlugRace, snapshotOf } from '@/lib/articles/article-writes';
import { articleContentSchema, createArticleSchema } from '@/lib/articles/schemas';
import { dbOf, parseInput, recordChange, type OperationArgs, type Outcome } from '@/lib/operations/operation';
import { slugify } from '@/lib/text/slug';

/**
 * Creates a draft owned by the actor (`create:article`), with its first revision, audited
 * `article.create`. A user with a linked author profile is put on the byline; the slug is derived from
 * the headline and made unique in the section.
 */
export async function createArticle(ctx: OperationArgs): Promise<Outcome<{ id: string; version: number }>> {
  const { actor, ip } = ctx;
  assertCan(actor, 'create:article');
  const { headline, sectionId } = parseInput(createArticleSchema, ctx.input);
  return dbOf(ctx)
    .$transaction(async (tx) => {
      const own = await tx.author.findUnique({ where: { userId: actor.id }, select: { id: true } });
      const slug = await freeSlugIn(tx, sectionId, slugify(headline) || 'article');
      const content = parseInput(articleContentSchema, { headline, slug, sectionId, body: emptyBody, authorIds: own ? [own.id] : [] });
      const { authors } = await checkReferences(tx, content);
      const article = await tx.article.create({
        data: { ...contentColumns(content, authors), createdById: actor.id, authors: { create: content.authorIds.map((authorId, position) => ({ authorId, position })) } },
        select: { id: true, version: true },
      });
      await tx.articleRevision.create({ data: { articleId: article.id, version: article.version, editorId: actor.id, snapshot: snapshotOf(content) } });
      const change = await recordChange(tx, { actor, ip, action: 'article.create', targetType: 'Article', targetId: article.id, detail: { headline }, content: null });
      return { result: article, change };
    })
    .catch(mapArticleSlugRace);
}
