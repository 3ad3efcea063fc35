import 'server-only';
import { revalidatePath } from 'next/cache';
import { rolesWith, type Capability } from '@/lib/auth/permissions';
import { getRequestIp } from '@/lib/auth/request-ip';
import { requireActor } from '@/lib/auth/session';
import { revalidateContent } from '@/lib/cache/tags';
import { AppError, isAppError } from '@/lib/errors';
import { typedValues } from '@/lib/forms/form-input';
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
  return run(operation, () => input, options);
}

/** What a form action answers to a call whose argument is not a submitted form (a hand-made request). */
const NOT_A_FORM = 'This request is not a form submission. Reload the page and try again.';

/**
 * `runAsAction` for a `<form action>` (`(previousState, formData)`): after the same session check it
 * refuses anything but a FormData, builds the operation's input from the form with `toInput` (which may
 * throw an `AppError` for a field, e.g. a missing file), and on a refusal returns what the user typed in
 * the `keep` fields so the form shows it again.
 */
export async function runAsFormAction<T, R extends object = object>(
  operation: Operation<T>,
  formData: unknown,
  toInput: (form: FormData) => unknown,
  options: ActionOptions<T, R> & { keep?: readonly string[] } = {},
): Promise<ActionResult<R>> {
  const { keep, ...rest } = options;
  if (!(formData instanceof FormData)) return run(operation, () => Promise.reject(new AppError('INVALID', NOT_A_FORM)), rest);
  return run(operation, () => toInput(formData), keep ? { ...rest, values: typedValues(formData, keep) } : rest);
}

async function run<T, R extends object>(operation: Operation<T>, toInput: () => unknown, options: ActionOptions<T, R>): Promise<ActionResult<R>> {
  const actor = await requireActor(options.capability ? { roles: rolesWith(options.capability) } : {});
  const ip = await getRequestIp();
  let outcome: Awaited<ReturnType<Operation<T>>>;
  try {
    outcome = await operation({ actor, ip, input: await toInput() });
  } catch (error) {
    if (!isAppError(error)) throw error;
    return { ok: false, code: error.code, message: error.message, fieldErrors: error.fieldErrors, detail: error.detail, ...(options.values ? { values: options.values } : {}) };
  }
  if (outcome.change?.content) revalidateContent(outcome.change.content);
  const paths = typeof options.revalidatePaths === 'function' ? options.revalidatePaths(outcome.result) : (options.revalidatePaths ?? []);
  for (const path of paths) revalidatePath(path);
  const presented = options.present ? options.present(outcome.result) : ({} as R);
  // `ok` first, as every answer of this shape has it (scripts read it with a regular expression).
  return { ok: true, ...presented } as ActionResult<R>;
}
