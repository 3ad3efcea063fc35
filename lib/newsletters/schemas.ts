import { z } from 'zod';
import { idSchema, versionSchema } from '@/lib/forms/form-input';
import { isStorableText, UNSTORABLE_TEXT_MESSAGE } from '@/lib/text/storable-text';
import { slugify } from '@/lib/text/slug';

const text = () => z.string().refine(isStorableText, UNSTORABLE_TEXT_MESSAGE);

/** A reader's address, as stored: trimmed and lower-cased. */
export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(254, 'At most 254 characters.')
  .pipe(z.email({ error: 'Enter a valid email address.' }));

const ids = (max: number) =>
  z
    .array(idSchema)
    .max(max)
    .transform((v) => [...new Set(v)]);

/** The site's sign-up form: an address and the newsletters chosen (at least one). */
export const subscribeSchema = z.strictObject({
  email: emailSchema,
  newsletterIds: ids(50).refine((v) => v.length > 0, 'Choose at least one newsletter.'),
});

/** The preferences page: which of their newsletters a subscriber keeps (none unsubscribes from all). */
export const preferencesSchema = z.strictObject({ newsletterIds: ids(50) });

/** "HH:MM", 24-hour, as minutes after midnight UTC. */
const digestTime = z
  .string()
  .trim()
  .regex(/^([01]?\d|2[0-3]):[0-5]\d$/, 'Give a time as HH:MM (24-hour, UTC).')
  .transform((v) => {
    const [h, m] = v.split(':').map(Number);
    return h! * 60 + m!;
  });

const checkbox = z.preprocess((v) => v === true || v === 'on' || v === 'true', z.boolean());

const newsletterFields = {
  name: text().trim().min(1, 'Enter a name.').max(120, 'At most 120 characters.'),
  slug: z.string().trim().toLowerCase().max(64).optional(),
  description: text().trim().max(500, 'At most 500 characters.').default(''),
  mode: z.enum(['EACH_ARTICLE', 'DIGEST'], { error: 'Choose when it goes out.' }),
  digestTime: digestTime.prefault('07:00'),
  fullText: checkbox.default(false),
  senderName: text()
    .trim()
    .min(1, 'Enter the name emails come from.')
    .max(120, 'At most 120 characters.')
    .refine((v) => !/[\r\n<>"]/.test(v), 'A sender name cannot hold line breaks, quotes or angle brackets.'),
  senderEmail: z
    .string()
    .trim()
    .toLowerCase()
    .max(254)
    .pipe(z.email({ error: 'Enter the address emails come from.' })),
  sectionIds: ids(200).default([]),
  enabled: checkbox.default(true),
};

const withSlug = <T extends { name: string; slug?: string }>(v: T) => ({ ...v, slug: v.slug ? v.slug : slugify(v.name) });
const slugRule = (v: { slug: string }) => /^[a-z0-9][a-z0-9-]{0,63}$/.test(v.slug);
const SLUG_MESSAGE = { message: 'A slug is lower-case letters, digits and hyphens.', path: ['slug'] };

/** A new newsletter; a blank slug is made from the name. */
export const createNewsletterSchema = z.strictObject(newsletterFields).transform(withSlug).refine(slugRule, SLUG_MESSAGE);
export type CreateNewsletterInput = z.input<typeof createNewsletterSchema>;

/** An edit of a newsletter, at the version the editor saw. */
export const updateNewsletterSchema = z
  .strictObject({ newsletterId: idSchema, version: versionSchema, ...newsletterFields })
  .transform(withSlug)
  .refine(slugRule, SLUG_MESSAGE);

/** One newsletter, by id. */
export const newsletterRefSchema = z.strictObject({ newsletterId: idSchema });

/** One article for one newsletter: a test to oneself, or the send to every subscriber. */
export const sendArticleSchema = z.strictObject({ newsletterId: idSchema, articleId: idSchema });
