export type AppErrorCode = 'NOT_FOUND' | 'FORBIDDEN' | 'CONFLICT' | 'INVALID';

/**
 * A failure the user may be told about: mapped to notFound(), a 4xx or a form message in one place.
 * `message` is safe to show; `fieldErrors` name the form fields at fault; `detail` carries data for the UI.
 */
export class AppError extends Error {
  override name = 'AppError';
  constructor(
    public readonly code: AppErrorCode,
    message: string = code,
    public readonly fieldErrors: Record<string, string[]> = {},
    public readonly detail?: Record<string, unknown>,
  ) {
    super(message);
  }
}

/** True for an AppError, optionally of one code. */
export function isAppError(error: unknown, code?: AppErrorCode): error is AppError {
  return error instanceof AppError && (code === undefined || error.code === code);
}
