import type { z } from 'zod';
import { apiError } from '@/lib/api/errors';
import { ApiFailure } from '@/lib/api/route';
import { invalidInput } from '@/lib/errors';

/**
 * A request's query string parsed with the route's schema: 400 naming each bad or unknown parameter
 * (a misspelt filter must not silently return everything). A repeated parameter counts once (its last value).
 */
export function parseQuery<S extends z.ZodType>(schema: S, url: URL): z.output<S> {
  const parsed = schema.safeParse(Object.fromEntries(url.searchParams));
  if (parsed.success) return parsed.data;
  const fields = invalidInput(parsed.error).fieldErrors ?? {};
  throw new ApiFailure(apiError('bad_request', `Check the query parameters: ${Object.keys(fields).join(', ')}.`, { fields }));
}
