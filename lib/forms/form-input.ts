import { z } from 'zod';

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

/** Optional free text: trimmed, at most `max` characters, stored as null when blank. */
export const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `At most ${max} characters.`)
    .optional()
    .transform((v) => (v ? v : null));

/**
 * A row id from a form: letters, digits, `-` and `_`, as Prisma's cuid() and hand-made ids are. Anything
 * else names no row, and refusing it here keeps a NUL (which PostgreSQL cannot store in text) out of
 * every query.
 */
export const idSchema = z.string().regex(/^[A-Za-z0-9_-]{1,40}$/, 'Reload the page and try again.');

/** The version a form was based on (optimistic concurrency). */
export const versionSchema = z.coerce.number({ error: 'Reload the page and try again.' }).int().min(1);

/** What the user typed into the named fields, as text, for a refused form to show again (never passwords). */
export function typedValues(formData: FormData, keys: readonly string[]): Record<string, string> {
  return Object.fromEntries(keys.map((k) => [k, String(formData.get(k) ?? '')]));
}
