import 'server-only';
import { runOperation, type ApiRequest } from '@/lib/api/route';
import { createWebhookEndpoint, deleteWebhookEndpoint } from '@/lib/webhooks/endpoint-writes';
import { getWebhookEndpoint, listWebhookEndpoints, type WebhookEndpointRow } from '@/lib/webhooks/queries';

function present(e: WebhookEndpointRow) {
  return {
    id: e.id,
    url: e.url,
    description: e.description,
    events: e.events,
    enabled: e.enabled,
    disabledReason: e.disabledReason,
    createdAt: e.createdAt.toISOString(),
    deliveries: e._count.deliveries,
    latestDeliveries: e.deliveries.slice(0, 10).map((d) => ({
      id: d.id,
      webhookId: d.messageId,
      event: d.event,
      status: d.status,
      attempts: d.attempts,
      lastStatus: d.lastStatus,
      createdAt: d.createdAt.toISOString(),
    })),
  };
}

/** GET /api/v1/webhooks: every endpoint with its latest deliveries (`manage:webhooks`: an admin key of an Admin). */
export async function listWebhooksFromApi(req: ApiRequest) {
  return { body: { items: (await listWebhookEndpoints({ actor: req.caller.actor! })).map(present) } };
}

/** POST /api/v1/webhooks: registers an endpoint; the answer carries its signing secret, the only time the API shows it. */
export async function createWebhookFromApi(req: ApiRequest, input: unknown) {
  const { result } = await runOperation(req, createWebhookEndpoint, input);
  const row = await getWebhookEndpoint({ actor: req.caller.actor!, id: result.id });
  return { status: 201, body: { webhook: { ...present(row), secret: row.secret } } };
}

/** DELETE /api/v1/webhooks/{id}: removes an endpoint and its log. */
export async function deleteWebhookFromApi(req: ApiRequest) {
  await runOperation(req, deleteWebhookEndpoint, { endpointId: req.params.id });
  return new Response(null, { status: 204 });
}
