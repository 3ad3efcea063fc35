import { describe, expect, it } from 'vitest';
import { AppError } from '@/lib/errors';
import { apiError, apiErrorOf } from './errors';

describe('apiErrorOf', () => {
  it('answers each AppError with its status and the one error shape', () => {
    expect(apiErrorOf(new AppError('NOT_FOUND', 'No such article.'))).toEqual({
      status: 404,
      body: { error: { code: 'not_found', message: 'No such article.' } },
    });
    expect(apiErrorOf(new AppError('FORBIDDEN')).status).toBe(403);
  });

  it('sends field messages as a 422 and a refusal without fields as a 400', () => {
    const invalid = apiErrorOf(new AppError('INVALID', 'Please correct the highlighted fields.', { headline: ['Write a headline.'] }));
    expect(invalid).toEqual({
      status: 422,
      body: { error: { code: 'invalid', message: 'Please correct the highlighted fields.', fields: { headline: ['Write a headline.'] } } },
    });
    expect(apiErrorOf(new AppError('INVALID', 'The cursor is not one this API gave out.')).status).toBe(400);
  });

  it('tells a stale writer the current version on a 409', () => {
    const conflict = apiErrorOf(
      new AppError('CONFLICT', 'Grace Chen saved this article at 10:02.', undefined, { version: 7, savedBy: 'Grace Chen' }),
    );
    expect(conflict.status).toBe(409);
    expect(conflict.body.error.current).toEqual({ version: 7 });
    expect(conflict.body.error.fields).toBeUndefined();
    expect(apiErrorOf(new AppError('CONFLICT', 'A user with that email already exists.', { email: ['Taken.'] })).body.error.fields).toEqual(
      { email: ['Taken.'] },
    );
  });

  it('says nothing of an unexpected error: no message, stack or database text', () => {
    const error = new Error('duplicate key value violates unique constraint "Article_slug_key"');
    const answer = apiErrorOf(error);
    expect(answer.status).toBe(500);
    expect(answer.body.error.code).toBe('internal');
    expect(JSON.stringify(answer)).not.toMatch(/constraint|Article_slug|at /);
  });
});

describe('apiError', () => {
  it('pairs each code with its status', () => {
    expect(apiError('rate_limited', 'Slow down.').status).toBe(429);
    expect(apiError('payload_too_large', 'Too big.').status).toBe(413);
    expect(apiError('unsupported_media_type', 'Send JSON.').status).toBe(415);
    expect(apiError('unauthorized', 'Send a key.').status).toBe(401);
  });
});
