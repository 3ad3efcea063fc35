import { createWebhookFromApi, listWebhooksFromApi } from '@/lib/api/admin-webhooks';
import { adminRoute, readJsonBody } from '@/lib/api/route';

/** Admin API: the webhook endpoints, with their latest deliveries. */
export const GET = adminRoute(async (req) => listWebhooksFromApi(req));

/** Admin API: a new webhook endpoint (its secret in the answer, once). */
export const POST = adminRoute(async (req) => createWebhookFromApi(req, await readJsonBody(req.request)));
