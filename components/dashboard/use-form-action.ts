import { useActionState } from 'react';
import type { FormState } from '@/lib/operations/action-result';

/** A Server Action a `<form action>` posts to: its last answer in, its new answer out. */
export type FormAction<T extends object = object> = (prev: FormState<T>, formData: FormData) => Promise<FormState<T>>;

/**
 * `useActionState` for a form's Server Action, starting from the empty state `{}`: the state (read it
 * with `failureOf` / `successMessageOf`), the action to give `<form action>`, and whether it is pending.
 */
export function useFormAction<T extends object = object>(action: FormAction<T>) {
  const [state, formAction, pending] = useActionState<FormState<T>, FormData>(action, {});
  return [state, formAction, pending] as const;
}
