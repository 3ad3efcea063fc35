import 'server-only';
import { randomBytes } from 'node:crypto';
import { assertCan } from '@/lib/auth/permissions';
import { checkReferences, contentColumns, freeSlugIn, mapArticleSlugRace, snapshotOf } from '@/lib/articles/article-writes';
import { copyArticleSchema } from '@/lib/articles/schemas';
import { dbOf, parseInput, recordChange, type OperationArgs, type Outcome } from '@/lib/operations/operation';
import { isUniqueViolation } from '@/lib/operations/unique-slug';
import { upsertTags } from '@/lib/tags/upsert-tags';

/** How often a copy is tried again when another copy took the same free slug between check and insert. */
const SLUG_RACE_ATTEMPTS = 5;

/**
 * Saves the editor's content as a new draft owned by the actor ("keep my text as a copy" after a
 * conflict; `create:article`), audited `article.copy`. The slug gets a "-copy" suffix made unique in the
 * section; when a simultaneous copy takes the same slug first, the copy picks the next one.
 */
export async function copyArticleAsDraft(ctx: OperationArgs): Promise<Outcome<{ id: string; version: number }>> {
  const { actor, ip } = ctx;
  assertCan(actor, 'create:article');
  const { content: c } = parseInput(copyArticleSchema, ctx.input, { under: 'content' });
  const base = `${c.slug.slice(0, 70)}-copy`;
  // The first try numbers copies (-copy, -copy-2…); after a lost race a random suffix avoids meeting the same racers again.
  const attempt = (tries: number) =>
    dbOf(ctx).$transaction(async (tx) => {
      const slug = await freeSlugIn(tx, c.sectionId, tries === 1 ? base : `${base.slice(0, 73)}-${randomBytes(3).toString('hex')}`, { maxBase: 80 });
      const content = { ...c, slug };
      const { authors } = await checkReferences(tx, content);
      const tagIds = await upsertTags(tx, c.tagNames);
      const article = await tx.article.create({
        data: {
          ...contentColumns(content, authors),
          createdById: actor.id,
          authors: { create: c.authorIds.map((authorId, position) => ({ authorId, position })) },
          tags: { create: tagIds.map((tagId) => ({ tagId })) },
        },
        select: { id: true, version: true },
      });
      await tx.articleRevision.create({ data: { articleId: article.id, version: article.version, editorId: actor.id, snapshot: snapshotOf(content) } });
      const change = await recordChange(tx, { actor, ip, action: 'article.copy', targetType: 'Article', targetId: article.id, content: null });
      return { result: article, change };
    });
  for (let i = 1; ; i++) {
    try {
      return await attempt(i);
    } catch (error) {
      if (!isUniqueViolation(error) || i >= SLUG_RACE_ATTEMPTS) mapArticleSlugRace(error);
    }
  }
}
