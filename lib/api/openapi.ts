import { z } from 'zod';
import { createDocument, type ZodOpenApiOperationObject, type ZodOpenApiResponsesObject } from 'zod-openapi';
import { apiWebhookEndpoint, createArticleBody, createWebhookBody, transitionBody, updateArticleBody } from '@/lib/api/admin-schemas';
import {
  apiArticle,
  apiAuthor,
  apiCampaign,
  apiErrorSchema,
  apiImage,
  apiSection,
  apiTag,
  articlePage,
  authorPage,
  campaignPage,
  itemQuery,
  listArticlesQuery,
  listQuery,
  sectionPage,
  tagPage,
} from '@/lib/api/content-schemas';

/**
 * The OpenAPI 3.1 document of `/api/v1`, generated (zod-openapi) from the very schemas the handlers
 * parse with and answer in, so it cannot drift from them; `tests/api-contract.test.ts` validates it
 * with an independent validator (swagger-parser). Served at /api/v1/openapi.json, rendered at /developers/api.
 */

const json = (schema: z.ZodType, description: string) => ({ description, content: { 'application/json': { schema } } });
const error = (description: string) => json(apiErrorSchema, description);

const readErrors: ZodOpenApiResponsesObject = {
  '400': error('A query parameter is malformed or unknown.'),
  '401': error('No key, a malformed key, or a rotated or revoked one.'),
  '429': error('Over the key’s rate limit: see Retry-After.'),
};
const writeErrors: ZodOpenApiResponsesObject = {
  '400': error('The body is not valid JSON, or a value is refused without a field.'),
  '401': error('No key, a malformed key, or a rotated or revoked one.'),
  '403': error('A content key, or a role without this capability (e.g. a writer publishing).'),
  '404': error('No such article, or one this integration may not see.'),
  '413': error('The body is too large.'),
  '415': error('Not application/json.'),
  '422': error('The content does not validate, or the publish checklist is not met: `fields` says which.'),
  '429': error('Over the key’s rate limit: see Retry-After.'),
};

const idParam = z.object({ id: z.string().meta({ description: 'The id (or, for sections, authors, campaigns and tags, the slug).' }) });
const content: Pick<ZodOpenApiOperationObject, 'security'> = { security: [{ bearer: [] }, { queryKey: [] }] };
const admin: Pick<ZodOpenApiOperationObject, 'security'> = { security: [{ bearer: [] }] };

function getList(summary: string, query: z.ZodObject, page: z.ZodType, tag: string): ZodOpenApiOperationObject {
  return {
    ...content,
    tags: [tag],
    summary,
    requestParams: { query },
    responses: { '200': json(page, 'One page, with the cursor of the next.'), ...readErrors },
  };
}

function getItem(summary: string, item: z.ZodType, name: string, tag: string, query: z.ZodObject = itemQuery): ZodOpenApiOperationObject {
  return {
    ...content,
    tags: [tag],
    summary,
    requestParams: { path: idParam, query },
    responses: {
      '200': json(z.object({ [name]: item }), 'Found.'),
      '304': { description: 'Not modified (If-None-Match matched the ETag).' },
      '404': error('Not found (or not published).'),
      ...readErrors,
    },
  };
}

const articleAnswer = z.object({
  article: apiArticle,
  warnings: z.array(z.string()).optional().meta({ description: 'What the HTML conversion dropped.' }),
});

/** The document, built once per process. */
let built: ReturnType<typeof createDocument> | undefined;

export function openApiDocument(siteUrl: string) {
  built ??= createDocument({
    openapi: '3.1.0',
    info: {
      title: 'Masthead Content and Admin API',
      version: '1.0.0',
      description:
        'The Content API reads published content (content or admin key; Bearer, or `?key=`). The Admin API writes with an admin key, as the integration’s own user: the dashboard’s operations, checks and audit trail. Errors are always `{ "error": { "code", "message", "fields"?, "current"? } }`. Lists are cursor-paginated (`nextCursor`), newest first. Responses carry an ETag; send If-None-Match to get 304. Rate limits per key are in the RateLimit-* headers.',
    },
    servers: [{ url: `${siteUrl}/api/v1` }],
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: 'Authorization: Bearer mh_content_… or mh_admin_…' },
        queryKey: { type: 'apiKey', in: 'query', name: 'key', description: 'The content key as `?key=` (Content API only).' },
      },
    },
    paths: {
      '/articles': {
        get: getList('Published articles', listArticlesQuery, articlePage, 'Articles'),
        post: {
          ...admin,
          tags: ['Articles'],
          summary: 'Create a draft',
          requestBody: { content: { 'application/json': { schema: createArticleBody } } },
          responses: { '201': json(articleAnswer, 'Created.'), ...writeErrors },
        },
      },
      '/articles/{id}': {
        get: getItem('A published article', apiArticle, 'article', 'Articles'),
        patch: {
          ...admin,
          tags: ['Articles'],
          summary: 'Update an article',
          requestParams: { path: idParam },
          requestBody: { content: { 'application/json': { schema: updateArticleBody } } },
          responses: {
            '200': json(articleAnswer, 'Saved: the new version.'),
            '409': error('Stale `version`: `current.version` is the one to read.'),
            ...writeErrors,
          },
        },
      },
      '/articles/{id}/transitions': {
        post: {
          ...admin,
          tags: ['Articles'],
          summary: 'Submit, publish, schedule, unpublish, archive, trash or restore',
          requestParams: { path: idParam },
          requestBody: { content: { 'application/json': { schema: transitionBody } } },
          responses: {
            '200': json(articleAnswer, 'Done: the article as it now is.'),
            '409': error('Someone else changed the status just now.'),
            ...writeErrors,
          },
        },
      },
      '/articles/by-path/{section}/{slug}': {
        get: {
          ...content,
          tags: ['Articles'],
          summary: 'A published article by its path on the site',
          requestParams: { path: z.object({ section: z.string(), slug: z.string() }), query: itemQuery },
          responses: {
            '200': json(z.object({ article: apiArticle }), 'Found.'),
            '404': error('No published article at that path.'),
            ...readErrors,
          },
        },
      },
      '/sections': { get: getList('Sections, in navigation order', listQuery, sectionPage, 'Sections') },
      '/sections/{id}': { get: getItem('A section', apiSection, 'section', 'Sections', listQuery.pick({ key: true })) },
      '/authors': { get: getList('Authors', listQuery, authorPage, 'Authors') },
      '/authors/{id}': { get: getItem('An author', apiAuthor, 'author', 'Authors', listQuery.pick({ key: true })) },
      '/campaigns': { get: getList('Campaigns', listQuery, campaignPage, 'Campaigns') },
      '/campaigns/{id}': { get: getItem('A campaign', apiCampaign, 'campaign', 'Campaigns', listQuery.pick({ key: true })) },
      '/tags': { get: getList('Tags on published articles', listQuery, tagPage, 'Tags') },
      '/tags/{id}': { get: getItem('A tag', apiTag, 'tag', 'Tags', listQuery.pick({ key: true })) },
      '/images': {
        post: {
          ...admin,
          tags: ['Images'],
          summary: 'Upload an image to the media library',
          requestBody: {
            content: {
              'multipart/form-data': {
                schema: z.object({
                  file: z.string().meta({ format: 'binary', description: 'JPEG, PNG, WebP or AVIF; checked by its bytes, re-encoded.' }),
                  alt: z.string().optional(),
                  caption: z.string().optional(),
                  credit: z.string().optional(),
                }),
              },
            },
          },
          responses: { '201': json(z.object({ image: apiImage }), 'Stored.'), ...writeErrors },
        },
      },
      '/webhooks': {
        get: {
          ...admin,
          tags: ['Webhooks'],
          summary: 'Webhook endpoints and their latest deliveries (an admin key with the Admin role)',
          responses: { '200': json(z.object({ items: z.array(apiWebhookEndpoint) }), 'The endpoints, newest first.'), ...writeErrors },
        },
        post: {
          ...admin,
          tags: ['Webhooks'],
          summary: 'Register a webhook endpoint; the answer carries its signing secret, once',
          requestBody: { content: { 'application/json': { schema: createWebhookBody } } },
          responses: { '201': json(z.object({ webhook: apiWebhookEndpoint.extend({ secret: z.string() }) }), 'Registered.'), ...writeErrors },
        },
      },
      '/webhooks/{id}': {
        delete: {
          ...admin,
          tags: ['Webhooks'],
          summary: 'Delete a webhook endpoint and its delivery log',
          requestParams: { path: z.object({ id: z.string() }) },
          responses: { '204': { description: 'Deleted.' }, ...writeErrors },
        },
      },
    },
  });
  return built;
}
