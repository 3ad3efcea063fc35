import { z } from 'zod';
import { idSchema, optionalText, versionSchema } from '@/lib/forms/form-input';
import { isValidSlug, slugify } from '@/lib/text/slug';

const SLUG_MESSAGE = 'Use lower-case letters, digits and single hyphens (at most 80 characters), e.g. "life-sciences-2026".';

/** A calendar day from a date input ("2026-11-27"), or null when blank. */
const day = z
  .string()
  .trim()
  .optional()
  .refine((v) => !v || (/^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`))), 'Enter a date like 2026-11-27.')
  .transform((v) => v || null);

const fields = {
  name: z.string().trim().min(1, 'Enter a name.').max(120, 'At most 120 characters.'),
  slug: z.string().trim().toLowerCase().optional(),
  description: optionalText(1000),
  partnerName: optionalText(120),
  disclosureLabel: optionalText(160),
  startsOn: day,
  endsOn: day,
};

type Raw = { name: string; slug?: string; startsOn: string | null; endsOn: string | null };

/** Dates become instants in UTC: a campaign runs from the start of its first day to the end of its last. */
function finish<T extends Raw>(v: T, ctx: z.RefinementCtx) {
  const slug = v.slug || slugify(v.name);
  if (!isValidSlug(slug)) ctx.addIssue({ code: 'custom', path: ['slug'], message: SLUG_MESSAGE });
  if (v.startsOn && v.endsOn && v.endsOn < v.startsOn) ctx.addIssue({ code: 'custom', path: ['endsOn'], message: 'The end date is before the start date.' });
  const { startsOn, endsOn, ...rest } = v;
  return {
    ...rest,
    slug,
    startsAt: startsOn ? new Date(`${startsOn}T00:00:00.000Z`) : null,
    endsAt: endsOn ? new Date(`${endsOn}T23:59:59.999Z`) : null,
  };
}

/** A new campaign; a blank slug is made from the name. Unknown keys are rejected. */
export const createCampaignSchema = z.strictObject(fields).transform(finish);

/** An edit of a campaign, based on `version`. */
export const updateCampaignSchema = z.strictObject({ ...fields, slug: z.string().trim().toLowerCase().min(1, 'Enter a slug.'), id: idSchema, version: versionSchema }).transform(finish);
