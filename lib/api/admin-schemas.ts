import { z } from 'zod';
import { ARTICLE_ACTIONS } from '@/lib/articles/decide-transition';
import { WEBHOOK_EVENTS } from '@/lib/webhooks/payload';

/**
 * The Admin API's request bodies. They check shape only (types, unknown keys refused): what the content
 * may be (lengths, slugs, references, the publish checklist) is the operations' to decide, with the same
 * messages the dashboard shows.
 */

const id = z.string().min(1).max(40);

/** The article fields a write may set; omitted fields keep their value (create: their default). */
const articleFields = {
  headline: z.string().meta({ description: 'At most 300 characters.' }),
  slug: z
    .string()
    .meta({
      description: 'Lower-case letters, digits and hyphens; unique in the section. Derived from the headline when omitted on create.',
    }),
  standfirst: z.string(),
  body: z.record(z.string(), z.unknown()).meta({ description: 'The structured document, as the Content API returns it.' }),
  html: z.string().meta({
    description:
      'The body as HTML instead of `body`: converted with the editor’s paste rules; what cannot convert (scripts, embeds, shortcodes) is dropped and listed in `warnings`.',
  }),
  sectionId: id,
  campaignId: id.nullable(),
  authorIds: z.array(id).meta({ description: 'Byline order. Publishing needs at least one.' }),
  tagNames: z.array(z.string()).meta({ description: 'Tags by name; new names create tags.' }),
  heroImageId: id.nullable().meta({ description: 'An image from POST /api/v1/images.' }),
  heroAlt: z.string(),
  heroCaption: z.string(),
  heroCredit: z.string(),
  sponsored: z.boolean(),
  seoTitle: z.string().nullable(),
  seoDescription: z.string().nullable(),
  canonicalUrl: z.string().nullable(),
};

const bodyOrHtml = (v: { body?: unknown; html?: unknown }, ctx: z.RefinementCtx) => {
  if (v.body !== undefined && v.html !== undefined)
    ctx.addIssue({ code: 'custom', path: ['html'], message: 'Send the body as `body` or as `html`, not both.' });
};

/** `POST /api/v1/articles`: a new draft. */
export const createArticleBody = z
  .strictObject({ ...z.object(articleFields).partial().shape, headline: articleFields.headline, sectionId: articleFields.sectionId })
  .superRefine(bodyOrHtml)
  .meta({ id: 'ArticleCreate' });
export type CreateArticleBody = z.output<typeof createArticleBody>;

/** `PATCH /api/v1/articles/{id}`: the version it read, and the fields to change. */
export const updateArticleBody = z
  .strictObject({
    ...z.object(articleFields).partial().shape,
    version: z.number().int().min(1).meta({ description: 'The `version` this change is based on.' }),
  })
  .superRefine(bodyOrHtml)
  .meta({ id: 'ArticleUpdate' });
export type UpdateArticleBody = z.output<typeof updateArticleBody>;

/** `POST /api/v1/articles/{id}/transitions`: a workflow step, as the dashboard's buttons. */
export const transitionBody = z
  .strictObject({
    action: z.enum(ARTICLE_ACTIONS),
    scheduledAt: z.iso.datetime({ offset: true }).optional().meta({ description: 'Required for `schedule`: when to publish.' }),
  })
  .meta({ id: 'ArticleTransition' });

/** A webhook endpoint as the Admin API shows it: never its secret, which only the create answer carries. */
export const apiWebhookEndpoint = z
  .object({
    id: z.string(),
    url: z.string(),
    description: z.string(),
    events: z.array(z.enum(WEBHOOK_EVENTS)),
    enabled: z.boolean(),
    disabledReason: z.string().nullable().meta({ description: 'Why it was disabled for failing; null when enabled or disabled by hand.' }),
    createdAt: z.string(),
    deliveries: z.number().int().meta({ description: 'How many deliveries it has had.' }),
    latestDeliveries: z.array(
      z.object({ id: z.string(), webhookId: z.string(), event: z.string(), status: z.enum(['PENDING', 'DELIVERED', 'DEAD']), attempts: z.number().int(), lastStatus: z.number().int().nullable(), createdAt: z.string() }),
    ),
  })
  .meta({ id: 'WebhookEndpoint' });

/** The body of POST /api/v1/webhooks (checked again by the operation: URL rules, event names). */
export const createWebhookBody = z
  .strictObject({
    url: z.string().meta({ description: 'https, resolving to a public address.' }),
    description: z.string().optional(),
    events: z.array(z.enum(WEBHOOK_EVENTS)).min(1),
    enabled: z.boolean().optional(),
  })
  .meta({ id: 'CreateWebhook' });
