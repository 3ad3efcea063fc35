import { z } from 'zod';
import { idSchema, optionalText, versionSchema } from '@/lib/forms/form-input';
import { isValidSlug, slugify } from '@/lib/text/slug';

const SLUG_MESSAGE = 'Use lower-case letters, digits and single hyphens (at most 80 characters), e.g. "neelam-patel".';

/** An optional reference chosen from a list: blank means none. */
const optionalId = z
  .string()
  .trim()
  .max(40)
  .optional()
  .transform((v) => v || null);

const fields = {
  name: z.string().trim().min(1, 'Enter a name.').max(120, 'At most 120 characters.'),
  slug: z.string().trim().toLowerCase().optional(),
  jobTitle: optionalText(120),
  organisation: optionalText(120),
  bio: optionalText(2000),
  photoId: optionalId,
  userId: optionalId,
};

function finish<T extends { name: string; slug?: string }>(v: T, ctx: z.RefinementCtx) {
  const slug = v.slug || slugify(v.name);
  if (!isValidSlug(slug)) ctx.addIssue({ code: 'custom', path: ['slug'], message: SLUG_MESSAGE });
  return { ...v, slug };
}

/** A new author profile; a blank slug is made from the name. Unknown keys are rejected. */
export const createAuthorSchema = z.strictObject(fields).transform(finish);

/** An edit of an author profile, based on `version`. */
export const updateAuthorSchema = z.strictObject({ ...fields, slug: z.string().trim().toLowerCase().min(1, 'Enter a slug.'), id: idSchema, version: versionSchema }).transform(finish);
