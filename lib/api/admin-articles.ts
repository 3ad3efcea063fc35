import 'server-only';
import { createArticleBody, transitionBody, updateArticleBody, type CreateArticleBody } from '@/lib/api/admin-schemas';
import { articleApiInclude, presentArticle } from '@/lib/api/content-queries';
import { runOperation, type ApiRequest } from '@/lib/api/route';
import { emptyBody } from '@/lib/articles/body-schema';
import { createArticle } from '@/lib/articles/create-article';
import { editorContentOf, getArticleForEditOrThrow } from '@/lib/articles/dashboard-queries';
import { htmlToBody } from '@/lib/articles/html-to-body';
import { articleForActorWhere } from '@/lib/articles/permissions';
import { saveArticle } from '@/lib/articles/save-article';
import { articleContentSchema } from '@/lib/articles/schemas';
import { transitionArticle } from '@/lib/articles/transition-article';
import type { Actor } from '@/lib/auth/actor';
import { getEnv } from '@/lib/env';
import { AppError } from '@/lib/errors';
import { parseInput } from '@/lib/operations/operation';
import { slugify } from '@/lib/text/slug';

/**
 * The Admin API's article writes: each is the dashboard's own operation (createArticle, saveArticle,
 * transitionArticle) run as the integration's user, so capabilities, the publish checklist, revisions,
 * audit rows and cache purges are the dashboard's. Answers the article as it now is, with its version.
 */

type Patch = Omit<CreateArticleBody, 'headline' | 'sectionId' | 'html'> & { headline?: string; sectionId?: string; html?: string };

/** The patch with `html` converted to a body document (through the editor's paste rules), and what was dropped. */
function withBody(patch: Patch): { patch: Omit<Patch, 'html'>; warnings: string[] } {
  const { html, ...rest } = patch;
  if (html === undefined) return { patch: rest, warnings: [] };
  const { body, dropped } = htmlToBody(html);
  return { patch: { ...rest, body: body as unknown as Record<string, unknown> }, warnings: dropped };
}

async function answerArticle(req: ApiRequest, actor: Actor, articleId: string, status: number, warnings: string[]) {
  const row = await req.db.article.findFirstOrThrow({ where: articleForActorWhere(actor, articleId), include: articleApiInclude });
  return { status, body: { article: presentArticle(row, { siteUrl: getEnv().siteUrl }), ...(warnings.length ? { warnings } : {}) } };
}

/** `POST /api/v1/articles`: a draft with the given fields; 201 with the article. Nothing is created when the fields do not validate. */
export async function createArticleFromApi(req: ApiRequest, input: unknown) {
  const parsed = parseInput(createArticleBody, input);
  const { patch, warnings } = withBody(parsed);
  // The whole content is checked before anything is written, so a refused request leaves no half-made draft.
  parseInput(articleContentSchema, { body: emptyBody, ...patch, slug: patch.slug ?? (slugify(patch.headline ?? '') || 'article') });
  if (patch.slug) {
    const taken = await req.db.article.findFirst({ where: { sectionId: patch.sectionId, slug: patch.slug }, select: { id: true } });
    if (taken)
      throw new AppError('INVALID', 'Another article in this section has that slug.', {
        slug: ['Another article in this section has that slug.'],
      });
  }
  const created = await runOperation(req, createArticle, { headline: patch.headline, sectionId: patch.sectionId });
  const { id } = created.result;
  const actor = req.caller.actor!;
  const rest = Object.keys(patch).filter((k) => k !== 'headline' && k !== 'sectionId');
  if (rest.length) {
    const current = editorContentOf(await getArticleForEditOrThrow({ actor, articleId: id }));
    await runOperation(req, saveArticle, { articleId: id, baseVersion: created.result.version, content: { ...current, ...patch } });
  }
  return answerArticle(req, actor, id, 201, warnings);
}

/** `PATCH /api/v1/articles/{id}`: the named fields over the version the caller read; 409 with the current version when it is stale. */
export async function updateArticleFromApi(req: ApiRequest, articleId: string, input: unknown) {
  const { version, ...rest } = parseInput(updateArticleBody, input);
  const { patch, warnings } = withBody(rest);
  const actor = req.caller.actor!;
  const article = await getArticleForEditOrThrow({ actor, articleId });
  if (article.version !== version) {
    throw new AppError(
      'CONFLICT',
      `This article is at version ${article.version}, not ${version}: read it again and re-apply your change.`,
      {},
      { version: article.version },
    );
  }
  await runOperation(req, saveArticle, { articleId, baseVersion: version, content: { ...editorContentOf(article), ...patch } });
  return answerArticle(req, actor, articleId, 200, warnings);
}

/** `POST /api/v1/articles/{id}/transitions`: submit, publish, schedule, unpublish, trash…, as the dashboard's buttons. */
export async function transitionArticleFromApi(req: ApiRequest, articleId: string, input: unknown) {
  const { action, scheduledAt } = parseInput(transitionBody, input);
  await runOperation(req, transitionArticle, { articleId, action, ...(scheduledAt ? { scheduledAt } : {}) });
  return answerArticle(req, req.caller.actor!, articleId, 200, []);
}
