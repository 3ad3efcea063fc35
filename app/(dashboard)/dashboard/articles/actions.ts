'use server';

import { redirect } from 'next/navigation';
import { z } from 'zod';
import { requireActor } from '@/lib/auth/session';
import { listPresence, listRevisions } from '@/lib/articles/dashboard-queries';
import { copyArticleAsDraft, createArticle, restoreRevision, saveArticle, touchPresence, transitionArticle, type ContentChange } from '@/lib/articles/mutations';
import { signPreviewToken } from '@/lib/articles/preview-token';
import { saveArticleSchema, transitionSchema } from '@/lib/articles/schemas';
import { revalidateContent } from '@/lib/cache/tags';
import { getEnv } from '@/lib/env';
import { isAppError } from '@/lib/errors';

/** What every article action answers: success data, or a message safe to show with field errors. */
export type ActionResult<T> =
  | ({ ok: true } & T)
  | { ok: false; code: 'NOT_FOUND' | 'FORBIDDEN' | 'CONFLICT' | 'INVALID'; message: string; fieldErrors?: Record<string, string[]>; detail?: Record<string, unknown> };

async function run<T>(fn: () => Promise<T>): Promise<ActionResult<T>> {
  try {
    return { ok: true, ...(await fn()) };
  } catch (error) {
    if (isAppError(error)) return { ok: false, code: error.code, message: error.message, fieldErrors: error.fieldErrors, detail: error.detail };
    throw error;
  }
}

function revalidateIfVisible(change: ContentChange) {
  if (change.visible) revalidateContent(change);
}

const createSchema = z.strictObject({ headline: z.string().max(300), sectionId: z.string().min(1, 'Choose a section.').max(40) });

/** Creates a draft from the "new article" form and opens it in the editor. */
export async function createArticleAction(_prev: unknown, formData: FormData): Promise<ActionResult<object>> {
  const actor = await requireActor();
  const parsed = createSchema.safeParse({ headline: formData.get('headline') ?? '', sectionId: formData.get('sectionId') ?? '' });
  if (!parsed.success) return { ok: false, code: 'INVALID', message: 'Some fields need attention.', fieldErrors: z.flattenError(parsed.error).fieldErrors };
  const result = await run(async () => createArticle({ actor, input: parsed.data }));
  if (!result.ok) return result;
  redirect(`/dashboard/articles/${result.id}`);
}

/** Saves the editor's content, conditional on the version it was based on. */
export async function saveArticleAction(input: unknown) {
  const actor = await requireActor();
  const parsed = saveArticleSchema.safeParse(input);
  if (!parsed.success) {
    const fieldErrors: Record<string, string[]> = {};
    for (const issue of parsed.error.issues) (fieldErrors[String(issue.path[1] ?? issue.path[0] ?? 'form')] ??= []).push(issue.message);
    return { ok: false as const, code: 'INVALID' as const, message: 'Some fields need attention.', fieldErrors };
  }
  return run(async () => {
    const saved = await saveArticle({ actor, ...parsed.data });
    revalidateIfVisible(saved.change);
    return { version: saved.version, savedAt: saved.savedAt };
  });
}

/** Moves the article through the workflow (submit, publish, schedule, trash, restore…). */
export async function transitionArticleAction(input: unknown) {
  const actor = await requireActor();
  const parsed = transitionSchema.safeParse(input);
  if (!parsed.success) return { ok: false as const, code: 'INVALID' as const, message: 'Choose a valid date and time.', fieldErrors: { scheduledAt: ['Choose a valid date and time.'] } };
  return run(async () => {
    const { articleId, action, scheduledAt } = parsed.data;
    const done = await transitionArticle({ actor, articleId, action, scheduledAt: scheduledAt ? new Date(scheduledAt) : undefined });
    revalidateIfVisible(done.change);
    return { status: done.status };
  });
}

/** Restores an old revision as a new version. */
export async function restoreRevisionAction(input: unknown) {
  const actor = await requireActor();
  const parsed = z.strictObject({ articleId: z.string().max(40), revisionId: z.string().max(40), baseVersion: z.number().int().min(1) }).safeParse(input);
  if (!parsed.success) return { ok: false as const, code: 'INVALID' as const, message: 'Invalid request.' };
  return run(async () => {
    const done = await restoreRevision({ actor, ...parsed.data });
    revalidateIfVisible(done.change);
    return { version: done.version, restoredFrom: done.restoredFrom };
  });
}

/** Keeps the editor's text as a new draft copy (after a conflict). */
export async function copyArticleAction(input: unknown) {
  const actor = await requireActor();
  const parsed = z.strictObject({ content: saveArticleSchema.shape.content }).safeParse(input);
  if (!parsed.success) return { ok: false as const, code: 'INVALID' as const, message: 'Your text could not be copied: some fields are invalid.' };
  return run(async () => {
    const copy = await copyArticleAsDraft({ actor, content: parsed.data.content });
    return { id: copy.id };
  });
}

/** The editor's heartbeat: records that the actor has the article open and says who else has. */
export async function heartbeatAction(articleId: unknown) {
  const actor = await requireActor();
  const id = z.string().min(1).max(40).safeParse(articleId);
  if (!id.success) return { ok: false as const, code: 'INVALID' as const, message: 'Invalid request.' };
  return run(async () => {
    await touchPresence({ actor, articleId: id.data });
    return { others: await listPresence({ actor, articleId: id.data }) };
  });
}

/** A signed 48-hour share link to the article's preview, for people without an account. */
export async function sharePreviewAction(articleId: unknown) {
  const actor = await requireActor();
  const id = z.string().min(1).max(40).safeParse(articleId);
  if (!id.success) return { ok: false as const, code: 'INVALID' as const, message: 'Invalid request.' };
  return run(async () => {
    await listRevisions({ actor, articleId: id.data }); // throws NOT_FOUND unless the actor may see it
    const secret = getEnv().AUTH_SECRET;
    if (!secret) return { url: null as string | null, expiresAt: null as string | null };
    const { token, expiresAt } = signPreviewToken({ articleId: id.data, secret });
    return { url: `${getEnv().siteUrl}/preview/${token}`, expiresAt: expiresAt.toISOString() };
  });
}
