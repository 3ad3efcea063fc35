import { z } from 'zod';
import { idSchema, versionSchema } from '@/lib/forms/form-input';
import { isStorableText, UNSTORABLE_TEXT_MESSAGE } from '@/lib/text/storable-text';
import { isWebhookEvent, WEBHOOK_EVENTS } from '@/lib/webhooks/payload';

const text = () => z.string().refine(isStorableText, UNSTORABLE_TEXT_MESSAGE);

const endpointFields = {
  url: text().trim().min(1, 'Give the URL that receives the events.').max(2_000, 'At most 2,000 characters.'),
  description: text().trim().max(500, 'At most 500 characters.').default(''),
  events: z
    .array(z.string().refine(isWebhookEvent, `An event is one of ${WEBHOOK_EVENTS.join(', ')}.`))
    .min(1, 'Choose at least one event.')
    .max(WEBHOOK_EVENTS.length)
    .transform((events) => [...new Set(events)]),
  enabled: z.boolean().default(true),
};

/** A new endpoint: its URL (checked against the SSRF rules by the operation), the events it hears, enabled or not. */
export const createWebhookEndpointSchema = z.strictObject(endpointFields);

/** Changes to an endpoint, at the version the admin saw. */
export const updateWebhookEndpointSchema = z.strictObject({ endpointId: idSchema, version: versionSchema, ...endpointFields });

/** One endpoint, by id (delete). */
export const webhookEndpointRefSchema = z.strictObject({ endpointId: idSchema });

/** One delivery, by id (replay). */
export const webhookDeliveryRefSchema = z.strictObject({ deliveryId: idSchema });
