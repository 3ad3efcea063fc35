import type { AppErrorCode } from '@/lib/errors';

/** A refused operation as a form or the editor shows it: a safe message, and per-field messages beside the fields. */
export type ActionFailure = {
  ok: false;
  code: AppErrorCode;
  message: string;
  fieldErrors?: Record<string, string[]>;
  /** Data for the UI, e.g. who saved last on a CONFLICT. */
  detail?: Record<string, unknown>;
  /** What the user typed (never passwords), so a form keeps it after React resets it. */
  values?: Record<string, string>;
};

/**
 * What every Server Action answers (lib/operations/server-action.ts makes it): success with the
 * operation's presented result and an optional status message, or an `ActionFailure`.
 */
export type ActionResult<T extends object = object> = ({ ok: true; message?: string } & T) | ActionFailure;

/** A `useActionState` form's state: its action's last answer, or `{}` before the first submit. */
export type FormState<T extends object = object> = ActionResult<T> | { ok?: undefined; message?: undefined; fieldErrors?: undefined; values?: undefined };

/** The failure's message when the state is a failure (for role=alert), else null. */
export function failureOf(state: FormState | ActionResult): ActionFailure | null {
  return state.ok === false ? state : null;
}

/** The success message when the state is a success that has one (for role=status), else null. */
export function successMessageOf(state: FormState | ActionResult): string | null {
  return state.ok === true && state.message ? state.message : null;
}
