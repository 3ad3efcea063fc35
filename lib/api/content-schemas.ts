import { z } from 'zod';
import { isStorableText } from '@/lib/text/storable-text';

/**
 * The Content API's contract: the query parameters its handlers parse and the objects they answer
 * with. The OpenAPI document (lib/api/openapi.ts) is generated from these same schemas, so the
 * published contract cannot drift from what the handlers do.
 */

const slug = z
  .string()
  .min(1)
  .max(120)
  .regex(/^[a-z0-9-]+$/, 'A slug: lower-case letters, digits and hyphens.');
const query = z.string().max(200).refine(isStorableText, 'Contains characters that cannot be searched.');

/** Page size bounds for every list. */
export const MAX_LIMIT = 100;
export const DEFAULT_LIMIT = 20;

const limit = z.coerce
  .number()
  .int()
  .min(1)
  .max(MAX_LIMIT)
  .default(DEFAULT_LIMIT)
  .meta({ description: `Items per page, 1–${MAX_LIMIT}.` });
const cursor = z.string().max(200).optional().meta({ description: 'The `nextCursor` of the previous page.' });

export const ARTICLE_FIELDS = [
  'id',
  'url',
  'path',
  'headline',
  'slug',
  'standfirst',
  'status',
  'version',
  'publishedAt',
  'updatedAt',
  'section',
  'campaign',
  'sponsored',
  'authors',
  'tags',
  'hero',
  'body',
  'bodyHtml',
  'seo',
  'corrections',
] as const;
export type ArticleField = (typeof ARTICLE_FIELDS)[number];
/** What a list shows unless `fields=` says otherwise: everything but the body (ask for `body`/`bodyHtml`). */
export const LIST_FIELDS: readonly ArticleField[] = ARTICLE_FIELDS.filter((f) => f !== 'body' && f !== 'bodyHtml' && f !== 'corrections');

const fields = z
  .string()
  .max(400)
  .optional()
  .transform((v, ctx) => {
    if (v === undefined) return undefined;
    const names = v
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    const unknown = names.filter((n) => !(ARTICLE_FIELDS as readonly string[]).includes(n));
    if (unknown.length) {
      ctx.addIssue({
        code: 'custom',
        message: `Unknown field${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')}. Known: ${ARTICLE_FIELDS.join(', ')}.`,
      });
      return z.NEVER;
    }
    return names as ArticleField[];
  })
  .meta({
    description: `Comma-separated fields to return (default: all but body, bodyHtml, corrections). Known: ${ARTICLE_FIELDS.join(', ')}.`,
    example: 'id,headline,url',
  });

const isoDate = z.iso.datetime({ offset: true, error: 'An ISO 8601 date-time, e.g. 2026-05-01T00:00:00Z.' });

/** `GET /api/v1/articles`: filters, fields and a cursor. Unknown parameters are refused, so a typo is never a silent "no filter". */
export const listArticlesQuery = z.strictObject({
  section: slug.optional().meta({ description: 'Section slug.' }),
  author: slug.optional().meta({ description: 'Author slug.' }),
  campaign: slug.optional().meta({ description: 'Campaign slug.' }),
  tag: slug.optional().meta({ description: 'Tag slug.' }),
  sponsored: z.enum(['true', 'false']).optional().meta({ description: 'Only sponsored (true) or only editorial (false) articles.' }),
  since: isoDate.optional().meta({ description: 'Published at or after.' }),
  until: isoDate.optional().meta({ description: 'Published before.' }),
  q: query.optional().meta({ description: 'Full-text search (the site search: stemmed English, quoted phrases, -exclusions).' }),
  fields,
  limit,
  cursor,
  key: z.string().max(200).optional().meta({ description: 'The content key, when it cannot be sent as a Bearer token.' }),
});
export type ListArticlesQuery = z.output<typeof listArticlesQuery>;

/** The lists of sections, authors, campaigns and tags: a page size and a cursor. */
export const listQuery = z.strictObject({ limit, cursor, key: z.string().max(200).optional() });
export type ListQuery = z.output<typeof listQuery>;

/** An item route's query: optional fields (articles) and the key. */
export const itemQuery = z.strictObject({ fields, key: z.string().max(200).optional() });

const sectionRef = z.object({ id: z.string(), slug: z.string(), name: z.string() });

export const apiSection = z
  .object({
    id: z.string(),
    slug: z.string(),
    name: z.string(),
    description: z.string().nullable(),
    parentId: z.string().nullable(),
    position: z.number().int(),
    url: z.string().meta({ description: 'The section front on the site.' }),
  })
  .meta({ id: 'Section' });

export const apiAuthor = z
  .object({
    id: z.string(),
    slug: z.string(),
    name: z.string(),
    jobTitle: z.string().nullable(),
    organisation: z.string().nullable(),
    bio: z.string().nullable(),
    photo: z.object({ url: z.string(), width: z.number().int(), height: z.number().int(), alt: z.string() }).nullable(),
    url: z.string(),
  })
  .meta({ id: 'Author' });

export const apiCampaign = z
  .object({
    id: z.string(),
    slug: z.string(),
    name: z.string(),
    description: z.string().nullable(),
    partnerName: z.string().nullable(),
    disclosureLabel: z.string().nullable(),
    startsAt: z.string().nullable(),
    endsAt: z.string().nullable(),
    url: z.string(),
  })
  .meta({ id: 'Campaign' });

export const apiTag = z.object({ id: z.string(), slug: z.string(), name: z.string(), url: z.string() }).meta({ id: 'Tag' });

const apiImage = z
  .object({
    id: z.string(),
    url: z.string(),
    width: z.number().int(),
    height: z.number().int(),
    alt: z.string(),
    caption: z.string(),
    credit: z.string(),
  })
  .meta({ id: 'Image' });
export { apiImage };

/** An article as the API shows it. With `fields=`, only the named properties are present. */
export const apiArticle = z
  .object({
    id: z.string(),
    url: z.string().meta({ description: 'Absolute URL of the article on the site (of its preview path for an unpublished one).' }),
    path: z.string(),
    headline: z.string(),
    slug: z.string(),
    standfirst: z.string(),
    status: z
      .enum(['DRAFT', 'IN_REVIEW', 'SCHEDULED', 'PUBLISHED', 'ARCHIVED', 'TRASHED'])
      .meta({ description: 'Always PUBLISHED in the Content API.' }),
    version: z.number().int().meta({ description: 'Send it back with an update (PATCH): a stale version answers 409.' }),
    publishedAt: z.string().nullable(),
    scheduledAt: z.string().nullable(),
    updatedAt: z.string(),
    section: sectionRef,
    campaign: z
      .object({
        id: z.string(),
        slug: z.string(),
        name: z.string(),
        partnerName: z.string().nullable(),
        disclosureLabel: z.string().nullable(),
      })
      .nullable(),
    sponsored: z.boolean(),
    authors: z.array(
      z.object({
        id: z.string(),
        slug: z.string(),
        name: z.string(),
        jobTitle: z.string().nullable(),
        organisation: z.string().nullable(),
      }),
    ),
    tags: z.array(z.object({ id: z.string(), slug: z.string(), name: z.string() })),
    hero: apiImage.nullable(),
    body: z
      .record(z.string(), z.unknown())
      .meta({ description: 'The structured document (ProseMirror JSON: paragraphs, H2/H3, lists, quotes, figures, links).' }),
    bodyHtml: z.string().meta({ description: 'The body as sanitised HTML, as the site renders it.' }),
    seo: z.object({ title: z.string().nullable(), description: z.string().nullable(), canonicalUrl: z.string().nullable() }),
    corrections: z.array(z.object({ kind: z.enum(['CORRECTION', 'CLARIFICATION', 'UPDATE']), text: z.string(), publishedAt: z.string() })),
  })
  .partial()
  .meta({ id: 'Article' });
export type ApiArticle = z.infer<typeof apiArticle>;

/** A page of a list: its items and the cursor of the next page (null on the last). */
export const pageOf = <T extends z.ZodType>(item: T, id: string) =>
  z
    .object({
      items: z.array(item),
      nextCursor: z.string().nullable().meta({ description: 'Pass as `cursor` for the next page; null on the last page.' }),
    })
    .meta({ id });

export const articlePage = pageOf(apiArticle, 'ArticlePage');
export const sectionPage = pageOf(apiSection, 'SectionPage');
export const authorPage = pageOf(apiAuthor, 'AuthorPage');
export const campaignPage = pageOf(apiCampaign, 'CampaignPage');
export const tagPage = pageOf(apiTag, 'TagPage');

/** The one error shape (lib/api/errors.ts). */
export const apiErrorSchema = z
  .object({
    error: z.object({
      code: z.enum([
        'bad_request',
        'unauthorized',
        'forbidden',
        'not_found',
        'conflict',
        'payload_too_large',
        'unsupported_media_type',
        'invalid',
        'rate_limited',
        'internal',
      ]),
      message: z.string(),
      fields: z.record(z.string(), z.array(z.string())).optional(),
      current: z.record(z.string(), z.unknown()).optional(),
    }),
  })
  .meta({ id: 'Error' });
