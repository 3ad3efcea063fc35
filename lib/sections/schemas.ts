import { z } from 'zod';
import { idSchema, optionalText, versionSchema } from '@/lib/forms/form-input';
import { sectionSlugProblem } from '@/lib/sections/decide-section-slug';
import { slugify } from '@/lib/text/slug';

const name = z.string().trim().min(1, 'Enter a name.').max(120, 'At most 120 characters.');
const slug = z
  .string()
  .trim()
  .toLowerCase()
  .superRefine((value, ctx) => {
    const problem = sectionSlugProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

/** A new section; a blank slug is made from the name. Unknown keys are rejected. */
export const createSectionSchema = z
  .strictObject({ name, slug: z.string().trim().optional(), description: optionalText(500) })
  .transform((v) => ({ ...v, slug: v.slug ? v.slug.toLowerCase() : slugify(v.name) }))
  .pipe(z.strictObject({ name: z.string(), slug, description: z.string().nullable() }));
export type CreateSectionInput = z.infer<typeof createSectionSchema>;

/** An edit of a section, based on `version`; `place` is its 1-based place among its siblings. */
export const updateSectionSchema = z.strictObject({
  id: idSchema,
  version: versionSchema,
  name,
  slug,
  description: optionalText(500),
  place: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z.coerce.number({ error: 'Enter a whole number.' }).int('Enter a whole number.').min(1, 'Places start at 1.').max(10_000).optional(),
  ),
});
export type UpdateSectionInput = z.infer<typeof updateSectionSchema>;

/** Moving a section one place up or down. */
export const moveSectionSchema = z.strictObject({ id: idSchema, version: versionSchema, direction: z.enum(['up', 'down']) });

/** Deleting a section (only an empty one). */
export const deleteSectionSchema = z.strictObject({ id: idSchema, version: versionSchema });
