/** The kinds of failure a domain function reports to its caller; each maps to one response in one place. */
export type AppErrorCode = 'NOT_FOUND' | 'FORBIDDEN' | 'CONFLICT' | 'INVALID';

/**
 * A failure the user may be told about: its message is safe to show (never a database error's text).
 * Routes map it with `appErrorStatus`; pages call `notFound()`/`forbidden()`; forms show the message.
 */
export class AppError extends Error {
  override name = 'AppError';
  constructor(
    readonly code: AppErrorCode,
    message: string = DEFAULT_MESSAGES[code],
    readonly fieldErrors?: Record<string, string[]>,
    /** Data for the UI, e.g. who saved last on a CONFLICT. */
    readonly detail?: Record<string, unknown>,
  ) {
    super(message);
  }
}

const DEFAULT_MESSAGES: Record<AppErrorCode, string> = {
  NOT_FOUND: 'Not found.',
  FORBIDDEN: 'You do not have permission to do that.',
  CONFLICT: 'Someone else changed this in the meantime. Reload to see their changes, then try again.',
  INVALID: 'Some of the input is not valid.',
};

/** True for an AppError, optionally of one code. */
export function isAppError(error: unknown, code?: AppErrorCode): error is AppError {
  return error instanceof AppError && (code === undefined || error.code === code);
}

/** The HTTP status for an AppError code. */
export function appErrorStatus(code: AppErrorCode): number {
  return { NOT_FOUND: 404, FORBIDDEN: 403, CONFLICT: 409, INVALID: 400 }[code];
}

/** The one message of a refused form: the fields say what is wrong. */
export const INVALID_FIELDS_MESSAGE = 'Please correct the highlighted fields.';

/**
 * A zod failure as the INVALID AppError every form and API shows: `INVALID_FIELDS_MESSAGE`, and each
 * field's messages under its name. `under` drops a wrapping key (`content.headline` → `headline`);
 * array positions are left out (`authorIds.2` → `authorIds`).
 */
export function invalidInput(error: { issues: { path: readonly PropertyKey[]; message: string }[] }, { under }: { under?: string } = {}): AppError {
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const path = under !== undefined && issue.path[0] === under ? issue.path.slice(1) : issue.path;
    const field = path.find((p) => typeof p === 'string') ?? 'form';
    (fieldErrors[field] ??= []).push(issue.message);
  }
  return new AppError('INVALID', INVALID_FIELDS_MESSAGE, fieldErrors);
}
