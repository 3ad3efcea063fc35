/**
 * The writes the crash and load tests drive while they break things: an editor saving an article
 * (body change) and publishing it, through the dashboard's own code path — `saveArticle` and
 * `transitionArticle` (lib/articles/save-article.ts, transition-article.ts) with an EDITOR actor built from the user row the way
 * the session builds it (lib/auth/session.ts getActor). The content sent is the editor form's content
 * (`editorContentOf`) with the body replaced, so a save is exactly what the editor's autosave sends.
 *
 * Imports `server-only` modules: run with `node --conditions=react-server --import tsx …`.
 */
import type { Actor } from '@/lib/auth/actor';
import type { BodyDocument } from '@/lib/articles/body-schema';
import { editorContentOf, getArticleForEditOrThrow } from '@/lib/articles/dashboard-queries';
import { saveArticle } from '@/lib/articles/save-article';
import { transitionArticle } from '@/lib/articles/transition-article';
import type { PrismaClient } from '@/lib/generated/prisma/client';

export type EditorWrite = { actor: Actor; articleId: string; expectedVersion: number; body: BodyDocument; publish: boolean };
export type EditorWriteResult = { version: number };

/** An active EDITOR of the database as the session would present them: id, name, email, role. */
export async function findEditorActor(db: PrismaClient): Promise<Actor> {
  const user = await db.user.findFirst({ where: { role: 'EDITOR', disabled: false }, orderBy: { createdAt: 'asc' } });
  if (!user) throw new Error('No active EDITOR account in this database: seed the demo (npm start) or create one (npm run user:create).');
  return { id: user.id, name: user.name, email: user.email, role: user.role };
}

/**
 * Saves `body` over the article, conditional on `expectedVersion` (saveArticle: one transaction with its
 * revision and audit row). With `publish`, then publishes it (transitionArticle 'publish', after
 * 'unpublish' when it is live already, since publish leaves only from draft, review or scheduled).
 * Resolves only when every step committed; throws the AppError (CONFLICT, FORBIDDEN…) otherwise.
 */
export async function writeEditorArticle({ actor, articleId, expectedVersion, body, publish }: EditorWrite): Promise<EditorWriteResult> {
  const article = await getArticleForEditOrThrow({ actor, articleId });
  const saved = (await saveArticle({ actor, input: { articleId, baseVersion: expectedVersion, content: { ...editorContentOf(article), body } } })).result;
  if (publish) {
    if (article.status === 'PUBLISHED') await transitionArticle({ actor, input: { articleId, action: 'unpublish' } });
    await transitionArticle({ actor, input: { articleId, action: 'publish' } });
  }
  return { version: saved.version };
}
