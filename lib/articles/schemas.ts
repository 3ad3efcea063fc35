import { z } from 'zod';
import { bodyDocumentSchema } from '@/lib/articles/body-schema';
import { ARTICLE_ACTIONS } from '@/lib/articles/decide-transition';
import { isSafeUrl } from '@/lib/text/safe-url';
import { isValidSlug, slugify } from '@/lib/text/slug';
import { isStorableText, UNSTORABLE_TEXT_MESSAGE } from '@/lib/text/storable-text';

const id = z.string().min(1).max(40);
/** Free text PostgreSQL can store as given (no NUL, no lone surrogate), refused with a message otherwise. */
const text = () => z.string().refine(isStorableText, UNSTORABLE_TEXT_MESSAGE);
const optionalText = (max: number) =>
  text()
    .trim()
    .max(max, `At most ${max} characters.`)
    .transform((v) => (v === '' ? null : v))
    .nullable()
    .optional()
    .transform((v) => v ?? null);

/** Everything the editor form saves. Unknown keys are rejected; the actor never comes from here. */
export const articleContentSchema = z.strictObject({
  headline: text().trim().min(1, 'Add a headline.').max(300, 'Headlines are at most 300 characters.'),
  slug: text()
    .trim()
    .refine(isValidSlug, 'Use lower-case letters, digits and single hyphens (at most 80 characters), e.g. "budget-vote-delayed".'),
  standfirst: text().trim().max(1000, 'The standfirst is at most 1000 characters.').default(''),
  body: bodyDocumentSchema,
  sectionId: id,
  campaignId: id.nullable().default(null),
  authorIds: z
    .array(id)
    .max(20)
    .default([])
    .refine((ids) => new Set(ids).size === ids.length, 'Each author only once.'),
  tagNames: z
    .array(
      text()
        .trim()
        .min(1, 'Tags cannot be empty.')
        .max(60, 'Tags are at most 60 characters.')
        .refine((v) => slugify(v) !== '', 'Tags need at least one letter or digit.'),
    )
    .max(30, 'At most 30 tags.')
    .default([]),
  heroImageId: id.nullable().default(null),
  heroAlt: text().trim().max(500, 'Alt text is at most 500 characters.').default(''),
  heroCaption: text().trim().max(1000, 'The caption is at most 1000 characters.').default(''),
  heroCredit: text().trim().max(300, 'The credit is at most 300 characters.').default(''),
  sponsored: z.boolean().default(false),
  seoTitle: optionalText(300),
  seoDescription: optionalText(500),
  canonicalUrl: optionalText(2048).refine(
    (v) => v === null || (/^https?:\/\//i.test(v) && isSafeUrl(v)),
    'The canonical URL must be a full http(s) address, e.g. https://example.com/story.',
  ),
});
export type ArticleContent = z.infer<typeof articleContentSchema>;
export type ArticleContentInput = z.input<typeof articleContentSchema>;

/** A save: the content plus the version it was based on. */
export const saveArticleSchema = z.strictObject({
  articleId: id,
  baseVersion: z.number().int().min(1),
  content: articleContentSchema,
});

/** A new draft: its headline and section; the slug and byline are derived. */
export const createArticleSchema = z.strictObject({
  headline: text().trim().min(1, 'Add a headline.').max(300, 'Headlines are at most 300 characters.'),
  sectionId: z.string().min(1, 'Choose a section.').max(40),
});

/** One article, by id (heartbeat, share link). */
export const articleRefSchema = z.strictObject({ articleId: id });

/** Restoring a revision as a new save on top of `baseVersion`. */
export const restoreRevisionSchema = z.strictObject({ articleId: id, revisionId: id, baseVersion: z.number().int().min(1) });

/** "Keep my text as a copy": the editor's content as a new draft. */
export const copyArticleSchema = z.strictObject({ content: articleContentSchema });

export const transitionSchema = z.strictObject({
  articleId: id,
  action: z.enum(ARTICLE_ACTIONS),
  /** ISO date-time; required for "schedule". */
  scheduledAt: z.iso.datetime({ offset: true }).optional(),
});

export const listArticlesSchema = z.object({
  status: z.enum(['DRAFT', 'IN_REVIEW', 'SCHEDULED', 'PUBLISHED', 'ARCHIVED', 'TRASH']).optional().catch(undefined),
  sectionId: z.string().max(40).refine(isStorableText).optional().catch(undefined),
  authorId: z.string().max(40).refine(isStorableText).optional().catch(undefined),
  campaignId: z.string().max(40).refine(isStorableText).optional().catch(undefined),
  q: z.string().trim().max(200).refine(isStorableText).optional().catch(undefined),
  sort: z.enum(['updated', 'created', 'headline']).default('updated').catch('updated'),
  cursor: z.string().max(200).refine(isStorableText).optional().catch(undefined),
});
export type ListArticlesInput = z.input<typeof listArticlesSchema>;

/** Collapses "" to undefined for search params, so empty filters mean "any". */
export function emptyToUndefined(params: Record<string, string | string[] | undefined>): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(params)) {
    const value = Array.isArray(v) ? v[0] : v;
    out[k] = value === '' ? undefined : value;
  }
  return out;
}
