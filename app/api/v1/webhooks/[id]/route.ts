import { deleteWebhookFromApi } from '@/lib/api/admin-webhooks';
import { adminRoute } from '@/lib/api/route';

/** Admin API: deletes a webhook endpoint with its delivery log. */
export const DELETE = adminRoute(async (req) => deleteWebhookFromApi(req));
