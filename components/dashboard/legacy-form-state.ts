import type { FormAction } from '@/components/dashboard/use-form-action';
import type { FormState } from '@/lib/operations/action-result';

/*
 * Transitional bridge, to delete (with its calls) once every actions.ts answers `FormState` from
 * lib/operations/action-result.ts: today the media, users, sections, campaigns and authors actions still
 * answer the old lib/forms/form-state.ts shape, whose failure is `{ error }` without `ok: false`.
 * Answers already in the new shape pass through both functions unchanged.
 */

/** The old answer: a failure is `{ error, fieldErrors?, values? }`, a success `{ ok: true, message }`. */
type LegacyAnswer = {
  ok?: boolean;
  message?: string;
  error?: string;
  fieldErrors?: Record<string, string[]>;
  values?: Record<string, string>;
};

/** Types a Server Action that answers the old shape (or the new one) as a form action of `FormState<T>`; the same function at run time. */
export function formActionOf<T extends object = object>(
  action: (prev: never, formData: FormData) => Promise<LegacyAnswer | FormState<T>>,
): FormAction<T> {
  return action as unknown as FormAction<T>;
}

/** An old-shape failure as an `ActionFailure` (its `error` becomes the `message`); anything else as it is. */
export function fromLegacyAnswer<T extends object>(state: FormState<T>): FormState<T> {
  const legacy = state as LegacyAnswer;
  if (legacy.ok === undefined && typeof legacy.error === 'string') {
    return { ok: false, code: 'INVALID', message: legacy.error, fieldErrors: legacy.fieldErrors, values: legacy.values };
  }
  return state;
}
