import { z } from 'zod';
import { AppError } from '@/lib/errors';

/**
 * The named fields of a submitted form as a plain object for a zod schema, leaving out fields that were
 * not sent (so `.optional()` applies) and nothing else: the schema decides what is allowed.
 */
export function pickFormFields(formData: FormData, keys: readonly string[]): Record<string, FormDataEntryValue> {
  const out: Record<string, FormDataEntryValue> = {};
  for (const key of keys) {
    const value = formData.get(key);
    if (value !== null) out[key] = value;
  }
  return out;
}

/** A zod failure as the INVALID AppError forms show: one message, and each field's messages beside it. */
export function invalidInput(error: { issues: { path: PropertyKey[]; message: string }[] }): AppError {
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of error.issues) (fieldErrors[String(issue.path[0] ?? 'form')] ??= []).push(issue.message);
  return new AppError('INVALID', 'Please correct the highlighted fields.', fieldErrors);
}

/** Optional free text: trimmed, at most `max` characters, stored as null when blank. */
export const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `At most ${max} characters.`)
    .optional()
    .transform((v) => (v ? v : null));

/** A row id from a form. */
export const idSchema = z.string().min(1).max(40);

/** The version a form was based on (optimistic concurrency). */
export const versionSchema = z.coerce.number({ error: 'Reload the page and try again.' }).int().min(1);
