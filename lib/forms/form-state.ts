import { isAppError } from '@/lib/errors';

/** What a Server Action returns to its form: a message (announced with role=alert) and per-field errors. */
export type FormState = { ok?: boolean; message?: string; error?: string; fieldErrors?: Record<string, string[]> };

/** Maps a thrown error to a form state: AppErrors show their safe message; anything else is rethrown. */
export function formStateFromError(error: unknown): FormState {
  if (isAppError(error)) return { error: error.message, fieldErrors: error.fieldErrors };
  throw error;
}
