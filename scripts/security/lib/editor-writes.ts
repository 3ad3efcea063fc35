/**
 * The writes the crash and load tests drive while they break things: an editor saving an article
 * (body change) and publishing it.
 *
 * Until the editor branch's `saveArticle`/`publishArticle` (lib/articles/mutations.ts) land, this is an
 * honest stand-in with the same transaction shape: the article update is conditional on the version it
 * was based on (optimistic concurrency), and the ArticleRevision snapshot of the new version is inserted
 * in the same transaction. Zero rows updated is a conflict, never an overwrite.
 */
import type { BodyDocument } from '@/lib/articles/body-schema';
import { bodyToPlainText } from '@/lib/articles/body-text';
import type { PrismaClient } from '@/lib/generated/prisma/client';

export type EditorWrite = { articleId: string; expectedVersion: number; body: BodyDocument; publish: boolean };
export type EditorWriteResult = { version: number };
export type WriteEditorArticle = (db: PrismaClient, write: EditorWrite) => Promise<EditorWriteResult>;

/** Stand-in for saveArticle/publishArticle: one transaction, conditional on the version. */
export const standInWrite: WriteEditorArticle = async (db, { articleId, expectedVersion, body, publish }) =>
  db.$transaction(async (tx) => {
    const now = new Date();
    const updated = await tx.article.updateMany({
      where: { id: articleId, version: expectedVersion, deletedAt: null },
      data: {
        body,
        bodyText: bodyToPlainText(body),
        version: { increment: 1 },
        ...(publish ? { status: 'PUBLISHED' as const, publishedAt: now } : {}),
      },
    });
    if (updated.count !== 1) throw new Error(`CONFLICT: article ${articleId} is no longer at version ${expectedVersion}`);
    const article = await tx.article.findUniqueOrThrow({ where: { id: articleId } });
    await tx.articleRevision.create({
      data: {
        articleId,
        version: article.version,
        snapshot: { headline: article.headline, slug: article.slug, standfirst: article.standfirst, body, status: article.status, sectionId: article.sectionId },
      },
    });
    return { version: article.version };
  });

// TODO(lead): when the editor branch lands, replace this line with an adapter over the real path, e.g.
//   export const writeEditorArticle: WriteEditorArticle = (db, w) => (w.publish ? publishArticle : saveArticle)({ db, …w, actor });
export const writeEditorArticle: WriteEditorArticle = standInWrite;
