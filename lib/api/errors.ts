import { isAppError } from '@/lib/errors';

/**
 * The API's error codes, one per status it answers with (ADR 0012 to come with the routes): what a
 * client branches on, stable across releases. The message is for people and may change.
 */
export type ApiErrorCode =
  | 'bad_request'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'invalid'
  | 'rate_limited'
  | 'internal';

const STATUS: Record<ApiErrorCode, number> = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  invalid: 422,
  rate_limited: 429,
  internal: 500,
};

/** The one shape of every API error: `{ error: { code, message, fields?, current? } }`. */
export type ApiErrorBody = {
  error: {
    code: ApiErrorCode;
    message: string;
    /** Per-field messages of a refused input, under the field's name. */
    fields?: Record<string, string[]>;
    /** On a 409: what the client must re-read before writing again (e.g. the current `version`). */
    current?: Record<string, unknown>;
  };
};

export type ApiError = { status: number; body: ApiErrorBody };

/** An API error of this code, with its status. */
export function apiError(code: ApiErrorCode, message: string, extra: Pick<ApiErrorBody['error'], 'fields' | 'current'> = {}): ApiError {
  return { status: STATUS[code], body: { error: { code, message, ...extra } } };
}

/**
 * Any failure as the API answers it. An AppError's message is safe to show (the domain wrote it): its
 * code picks the status, an INVALID with field messages is a 422 (the request was well formed, its
 * content was not), one without is a 400, a CONFLICT carries the current `version` when the domain
 * gave it. Anything else is a 500 that says nothing of its cause (no stack, no database text): the
 * caller logs it.
 */
export function apiErrorOf(error: unknown): ApiError {
  if (!isAppError(error))
    return apiError('internal', 'Something went wrong on our side. Try again; if it keeps failing, tell the site’s administrators.');
  switch (error.code) {
    case 'NOT_FOUND':
      return apiError('not_found', error.message);
    case 'FORBIDDEN':
      return apiError('forbidden', error.message);
    case 'CONFLICT': {
      const version = error.detail?.version;
      return apiError('conflict', error.message, {
        ...(typeof version === 'number' ? { current: { version } } : {}),
        ...(hasFields(error.fieldErrors) ? { fields: error.fieldErrors } : {}),
      });
    }
    case 'INVALID':
      return hasFields(error.fieldErrors)
        ? apiError('invalid', error.message, { fields: error.fieldErrors })
        : apiError('bad_request', error.message);
  }
}

const hasFields = (fields: Record<string, string[]> | undefined): fields is Record<string, string[]> =>
  fields !== undefined && Object.keys(fields).length > 0;
