import { z } from 'zod';
import { bodyDocumentSchema } from '@/lib/articles/body-schema';
import { idSchema, versionSchema } from '@/lib/forms/form-input';
import { PAGE_ROLES } from '@/lib/pages/page-roles';
import { isValidSlug, slugify } from '@/lib/text/slug';
import { isStorableText, UNSTORABLE_TEXT_MESSAGE } from '@/lib/text/storable-text';

const SLUG_MESSAGE = 'Use lower-case letters, digits and single hyphens (at most 80 characters), e.g. "methodology".';
const BODY_MESSAGE = 'The body could not be read. Reload the page and try again.';

/** Free text PostgreSQL can store as given (no NUL, no lone surrogate). */
const text = () => z.string().refine(isStorableText, UNSTORABLE_TEXT_MESSAGE);

/** The body as the form sends it (the editor's document as JSON text) or as an object (API, tests). */
const body = z.preprocess((value, ctx) => {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    ctx.addIssue({ code: 'custom', message: BODY_MESSAGE });
    return z.NEVER;
  }
}, bodyDocumentSchema);

/** A checkbox (`on` when ticked, absent when not) or a boolean. */
const checkbox = z
  .union([z.boolean(), z.literal('on'), z.literal('true'), z.literal('false'), z.literal('')])
  .optional()
  .transform((v) => v === true || v === 'on' || v === 'true');

const fields = {
  title: text().trim().min(1, 'Enter a title.').max(160, 'At most 160 characters.'),
  slug: text().trim().toLowerCase().optional(),
  standfirst: text().trim().max(500, 'At most 500 characters.').optional().default(''),
  body,
  /** A blank role (the form's "none") is stored as null. */
  role: z
    .union([z.enum(PAGE_ROLES), z.literal('')], { error: 'Choose one of the listed roles.' })
    .nullable()
    .optional()
    .transform((v) => v || null),
  showInFooter: checkbox,
  position: z.coerce.number({ error: 'Enter a whole number.' }).int('Enter a whole number.').min(0, 'At least 0.').max(1000, 'At most 1000.').optional().default(0),
};

function finish<T extends { title: string; slug?: string }>(v: T, ctx: z.RefinementCtx) {
  const slug = v.slug || slugify(v.title);
  if (!isValidSlug(slug)) ctx.addIssue({ code: 'custom', path: ['slug'], message: SLUG_MESSAGE });
  return { ...v, slug };
}

/** A new standing page; a blank slug is made from the title. Unknown keys are rejected. */
export const createPageSchema = z.strictObject(fields).transform(finish);

/** An edit of a standing page, based on `version`. */
export const updatePageSchema = z
  .strictObject({ ...fields, slug: text().trim().toLowerCase().min(1, 'Enter a slug.'), id: idSchema, version: versionSchema })
  .transform(finish);

/** Deleting a standing page, based on `version`. */
export const deletePageSchema = z.strictObject({ id: idSchema, version: versionSchema });

export type PageFields = z.output<typeof createPageSchema>;
