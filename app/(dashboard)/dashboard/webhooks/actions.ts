'use server';

import type { ActionResult, FormState } from '@/lib/operations/action-result';
import { runAsFormAction } from '@/lib/operations/server-action';
import { dashboardRoutes } from '@/lib/routes';
import { createWebhookEndpoint, deleteWebhookEndpoint, replayWebhookDelivery, updateWebhookEndpoint } from '@/lib/webhooks/endpoint-writes';

// Ids in the form are only the request: each operation checks the actor from the session.
const options = { capability: 'manage:webhooks', revalidatePaths: [dashboardRoutes.webhooks()] } as const;

const endpointFields = (form: FormData) => ({
  url: form.get('url'),
  description: form.get('description') ?? '',
  events: form.getAll('events'),
  enabled: form.get('enabled') === 'on',
});

export async function createWebhookEndpointAction(_prev: FormState, formData: FormData): Promise<ActionResult> {
  return runAsFormAction(createWebhookEndpoint, formData, endpointFields, {
    ...options,
    present: () => ({ message: 'Endpoint added: it hears the events you chose from now on. Its signing secret is below it.' }),
    keep: ['url', 'description'],
  });
}

export async function updateWebhookEndpointAction(_prev: FormState, formData: FormData): Promise<ActionResult> {
  return runAsFormAction(
    updateWebhookEndpoint,
    formData,
    (form) => ({ endpointId: form.get('endpointId'), version: form.get('version'), ...endpointFields(form) }),
    { ...options, present: () => ({ message: 'Saved.' }) },
  );
}

export async function deleteWebhookEndpointAction(_prev: FormState, formData: FormData): Promise<ActionResult> {
  return runAsFormAction(deleteWebhookEndpoint, formData, (form) => ({ endpointId: form.get('endpointId') }), {
    ...options,
    present: () => ({ message: 'Endpoint deleted with its delivery log.' }),
  });
}

export async function replayWebhookDeliveryAction(_prev: FormState, formData: FormData): Promise<ActionResult> {
  return runAsFormAction(replayWebhookDelivery, formData, (form) => ({ deliveryId: form.get('deliveryId') }), {
    ...options,
    present: () => ({ message: 'Replay queued: it is sent within seconds with the same webhook-id. Reload to see it in the log.' }),
  });
}
