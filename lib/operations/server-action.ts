import 'server-only';
import { revalidatePath } from 'next/cache';
import { rolesWith, type Capability } from '@/lib/auth/permissions';
import { getRequestIp } from '@/lib/auth/request-ip';
import { requireActor } from '@/lib/auth/session';
import { revalidateContent } from '@/lib/cache/tags';
import { isAppError } from '@/lib/errors';
import { forgetRedirects } from '@/lib/redirects/redirect-lookup';
import type { ActionResult } from '@/lib/operations/action-result';
import type { Operation } from '@/lib/operations/operation';

export type ActionOptions<T, R extends object> = {
  /** What the browser gets on success (plain, serialisable), with an optional status message. */
  present?: (result: T) => R & { message?: string };
  /**
   * The capability the whole action needs: without it the request ends in 403 before the operation
   * runs (the operation checks it too; this keeps the answer a 403 page, as for a page of the same kind).
   */
  capability?: Capability;
  /** Dashboard paths whose pages show the result, refreshed after success. */
  revalidatePaths?: readonly string[] | ((result: T) => readonly string[]);
  /** What the user typed, returned with a failure so the form keeps it (never passwords). */
  values?: Record<string, string>;
};

/**
 * The one adapter from an operation to a Server Action: the actor from the session (no session: to the
 * sign-in page), the client IP for the audit row, `AppError` → `{ ok: false, code, message, fieldErrors }`,
 * and after the commit the change's reader pages purged and the named dashboard paths refreshed. Any
 * other error is rethrown (Next's redirect and notFound, or a bug: error.tsx shows a reference id).
 */
export async function runAsAction<T, R extends object = object>(operation: Operation<T>, input: unknown, options: ActionOptions<T, R> = {}): Promise<ActionResult<R>> {
  const actor = await requireActor(options.capability ? { roles: rolesWith(options.capability) } : {});
  const ip = await getRequestIp();
  let outcome: Awaited<ReturnType<Operation<T>>>;
  try {
    outcome = await operation({ actor, ip, input });
  } catch (error) {
    if (!isAppError(error)) throw error;
    return { ok: false, code: error.code, message: error.message, fieldErrors: error.fieldErrors, detail: error.detail, ...(options.values ? { values: options.values } : {}) };
  }
  if (outcome.change?.content) {
    revalidateContent(outcome.change.content);
    forgetRedirects();
  }
  const paths = typeof options.revalidatePaths === 'function' ? options.revalidatePaths(outcome.result) : (options.revalidatePaths ?? []);
  for (const path of paths) revalidatePath(path);
  const presented = options.present ? options.present(outcome.result) : ({} as R);
  return { ...presented, ok: true };
}
