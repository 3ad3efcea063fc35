'use server';

import { redirect } from 'next/navigation';
import { addCorrection } from '@/lib/articles/add-correction';
import { removeCorrection } from '@/lib/articles/remove-correction';
import { copyArticleAsDraft } from '@/lib/articles/copy-article';
import { createArticle } from '@/lib/articles/create-article';
import { restoreRevision } from '@/lib/articles/restore-revision';
import { saveArticle } from '@/lib/articles/save-article';
import { shareArticlePreview } from '@/lib/articles/share-article-preview';
import { touchPresence } from '@/lib/articles/touch-presence';
import { transitionArticle } from '@/lib/articles/transition-article';
import type { ActionResult } from '@/lib/operations/action-result';
import { runAsAction, runAsFormAction } from '@/lib/operations/server-action';
import { dashboardRoutes } from '@/lib/routes';

// Each action is the operation behind runAsAction: the session gives the actor, the operation parses
// the input and checks what that actor may do.

/** Creates a draft from the "new article" form and opens it in the editor. */
export async function createArticleAction(_prev: unknown, formData: FormData): Promise<ActionResult> {
  const result = await runAsFormAction(createArticle, formData, (form) => ({ headline: form.get('headline') ?? '', sectionId: form.get('sectionId') ?? '' }), {
    present: (a) => ({ id: a.id }),
  });
  if (!result.ok) return result;
  redirect(dashboardRoutes.article(result.id));
}

/** Saves the editor's content, conditional on the version it was based on. */
export async function saveArticleAction(input: unknown) {
  return runAsAction(saveArticle, input, { present: (saved) => ({ version: saved.version, savedAt: saved.savedAt.toISOString() }) });
}

/** Moves the article through the workflow (submit, publish, schedule, trash, restore…). */
export async function transitionArticleAction(input: unknown) {
  return runAsAction(transitionArticle, input, { present: (done) => ({ status: done.status }) });
}

/** Restores an old revision as a new version. */
export async function restoreRevisionAction(input: unknown) {
  return runAsAction(restoreRevision, input, { present: (done) => done });
}

/** Keeps the editor's text as a new draft copy (after a conflict). */
export async function copyArticleAction(input: unknown) {
  return runAsAction(copyArticleAsDraft, input, { present: (copy) => ({ id: copy.id }) });
}

/** The editor's heartbeat: records that the actor has the article open and says who else has. */
export async function heartbeatAction(articleId: unknown) {
  return runAsAction(touchPresence, { articleId }, { present: (presence) => presence });
}

/** A signed 48-hour share link to the article's preview, for people without an account. */
export async function sharePreviewAction(articleId: unknown) {
  return runAsAction(shareArticlePreview, { articleId }, { present: (link) => ({ url: link.url, expiresAt: link.expiresAt.toISOString() }) });
}

/**
 * Appends a correction, clarification or update to a published article from the editor's Corrections
 * form (editors and admins). Refreshes the editor and history; the reader pages are purged by its change.
 */
export async function addCorrectionAction(_prev: unknown, formData: unknown) {
  return runAsFormAction(
    addCorrection,
    formData,
    (form) => ({ articleId: form.get('articleId') ?? '', kind: form.get('kind') ?? '', text: form.get('text') ?? '' }),
    {
      capability: 'correct:article',
      keep: ['kind', 'text'],
      present: (added) => ({ message: 'Correction published.', version: added.version, correctionId: added.id }),
      revalidatePaths: (added) => [dashboardRoutes.article(added.articleId), dashboardRoutes.articleHistory(added.articleId)],
    },
  );
}

/** Withdraws a correction added in the last 15 minutes (a typo, the wrong article), from the editor's Corrections box. */
export async function removeCorrectionAction(_prev: unknown, formData: unknown) {
  return runAsFormAction(removeCorrection, formData, (form) => ({ correctionId: form.get('correctionId') ?? '' }), {
    capability: 'correct:article',
    present: (removed) => ({ message: 'Correction withdrawn.', version: removed.version, correctionId: removed.id }),
    revalidatePaths: (removed) => [dashboardRoutes.article(removed.articleId), dashboardRoutes.articleHistory(removed.articleId)],
  });
}
