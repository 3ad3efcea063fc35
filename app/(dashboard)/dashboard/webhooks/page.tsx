import { ColumnHeads } from '@/components/dashboard/column-heads';
import { ActionForm } from '@/components/dashboard/action-form';
import { rolesWith } from '@/lib/auth/permissions';
import { requireActor } from '@/lib/auth/session';
import { WEBHOOK_EVENTS } from '@/lib/webhooks/payload';
import { listWebhookEndpoints, type WebhookEndpointRow } from '@/lib/webhooks/queries';
import {
  createWebhookEndpointAction,
  deleteWebhookEndpointAction,
  replayWebhookDeliveryAction,
  updateWebhookEndpointAction,
} from './actions';

export const metadata = { title: 'Webhooks' };

const when = (d: Date | null) => (d ? d.toISOString().slice(0, 19).replace('T', ' ') + ' UTC' : '—');
const STATUS = { PENDING: 'Pending', DELIVERED: 'Delivered', DEAD: 'Failed' } as const;
const STATUS_CLASS = {
  PENDING: 'bg-amber-100 text-amber-900',
  DELIVERED: 'bg-green-100 text-green-900',
  DEAD: 'bg-red-100 text-red-800',
} as const;
const input = 'block w-full rounded border border-neutral-400 px-3 py-2 text-sm';

/** The fields of an endpoint: URL, description, events, enabled; shared by the new and the edit form. */
function EndpointFields({ endpoint, idPrefix }: { endpoint?: WebhookEndpointRow; idPrefix: string }) {
  return (
    <div className="grid w-full gap-3">
      <div className="space-y-1">
        <label htmlFor={`${idPrefix}-url`} className="block text-sm font-medium">
          URL
        </label>
        <input
          id={`${idPrefix}-url`}
          name="url"
          type="url"
          required
          maxLength={2000}
          defaultValue={endpoint?.url}
          placeholder="https://example.com/hooks/masthead"
          className={input}
        />
        <p className="text-xs text-neutral-700">https, and a public address: private, loopback and cloud metadata addresses are refused.</p>
      </div>
      <div className="space-y-1">
        <label htmlFor={`${idPrefix}-description`} className="block text-sm font-medium">
          Description
        </label>
        <input id={`${idPrefix}-description`} name="description" maxLength={500} defaultValue={endpoint?.description} className={input} />
      </div>
      <fieldset className="space-y-1">
        <legend className="text-sm font-medium">Events</legend>
        <div className="grid gap-1 sm:grid-cols-3">
          {WEBHOOK_EVENTS.map((event) => (
            <label key={event} className="flex items-center gap-2 font-mono text-xs">
              <input
                type="checkbox"
                name="events"
                value={event}
                defaultChecked={endpoint ? endpoint.events.includes(event) : event.startsWith('article.')}
              />
              {event}
            </label>
          ))}
        </div>
      </fieldset>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" name="enabled" defaultChecked={endpoint ? endpoint.enabled : true} /> Enabled
      </label>
    </div>
  );
}

function DeliveryLog({ endpoint }: { endpoint: WebhookEndpointRow }) {
  if (endpoint.deliveries.length === 0) return <p className="text-sm text-neutral-700">No deliveries yet.</p>;
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">Latest deliveries to {endpoint.url}</caption>
        <ColumnHeads headings={['Event', 'Status', 'Attempts', 'Response', 'Created', 'Replay']} />
        <tbody className="divide-y divide-neutral-200">
          {endpoint.deliveries.map((d) => (
            <tr key={d.id} data-testid={`delivery-${d.messageId}`} className="align-top">
              <td className="py-2 pr-3">
                <span className="font-mono text-xs">{d.event}</span>
                <details className="mt-1">
                  <summary className="cursor-pointer text-xs text-neutral-700">Attempts of {d.messageId}</summary>
                  <ol className="mt-1 space-y-1 text-xs">
                    {d.attemptLog.map((a) => (
                      <li key={a.number}>
                        #{a.number}
                        {a.replay ? ' (replay)' : ''} · {when(a.createdAt)} · {a.ok ? 'OK' : 'failed'} · {a.statusCode ?? 'no response'} ·{' '}
                        {a.durationMs} ms
                        {a.error ? ` · ${a.error}` : ''}
                      </li>
                    ))}
                  </ol>
                </details>
              </td>
              <td className="py-2 pr-3">
                <span className={`rounded px-2 py-0.5 text-xs ${STATUS_CLASS[d.status]}`}>{STATUS[d.status]}</span>
                {d.status === 'PENDING' && d.nextAttemptAt ? (
                  <p className="text-xs text-neutral-700">next {when(d.nextAttemptAt)}</p>
                ) : null}
                {d.status === 'DEAD' && d.lastError ? <p className="text-xs text-neutral-700">{d.lastError}</p> : null}
              </td>
              <td className="py-2 pr-3">{d.attempts}</td>
              <td className="py-2 pr-3">{d.lastStatus ?? (d.attempts ? 'no response' : '—')}</td>
              <td className="py-2 pr-3 whitespace-nowrap">{when(d.createdAt)}</td>
              <td className="py-2">
                <ActionForm action={replayWebhookDeliveryAction} label={`Replay ${d.messageId}`} submitLabel="Replay">
                  <input type="hidden" name="deliveryId" value={d.id} />
                </ActionForm>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export default async function WebhooksPage() {
  const actor = await requireActor({ roles: rolesWith('manage:webhooks') });
  const endpoints = await listWebhookEndpoints({ actor });
  return (
    <div className="space-y-8">
      <div className="space-y-2">
        <h1 className="text-2xl font-bold">Webhooks</h1>
        <p className="max-w-prose text-sm text-neutral-700">
          Tell other systems (apps, search, social, partners) when something changes. Each event is a POST of JSON signed with the Standard
          Webhooks scheme (<code>webhook-id</code>, <code>webhook-timestamp</code>, <code>webhook-signature</code>), retried with backoff
          for about 15 hours if the receiver fails. An endpoint that keeps failing is disabled, and you see a notice.
        </p>
      </div>
      <section aria-labelledby="new-endpoint" className="space-y-3">
        <h2 id="new-endpoint" className="text-lg font-semibold">
          New endpoint
        </h2>
        <ActionForm
          action={createWebhookEndpointAction}
          label="Add a webhook endpoint"
          submitLabel="Add endpoint"
          className="grid gap-3 rounded border border-neutral-200 bg-white p-4"
        >
          <EndpointFields idPrefix="new" />
        </ActionForm>
      </section>
      <section aria-labelledby="all-endpoints" className="space-y-3">
        <h2 id="all-endpoints" className="text-lg font-semibold">
          Endpoints ({endpoints.length})
        </h2>
        {endpoints.length === 0 ? <p className="text-sm text-neutral-700">None yet.</p> : null}
        {endpoints.map((e) => (
          <article key={e.id} aria-label={`Endpoint ${e.url}`} className="space-y-4 rounded border border-neutral-200 bg-white p-4">
            <div className="flex flex-wrap items-baseline gap-x-3">
              <h3 className="font-mono text-sm font-semibold break-all">{e.url}</h3>
              <span
                className={`rounded px-2 py-0.5 text-xs ${e.enabled ? 'bg-green-100 text-green-900' : 'bg-neutral-200 text-neutral-800'}`}
              >
                {e.enabled ? 'Enabled' : 'Disabled'}
              </span>
              <span className="text-xs text-neutral-700">{e._count.deliveries === 1 ? '1 delivery' : `${e._count.deliveries} deliveries`}</span>
            </div>
            {e.disabledReason ? (
              <p role="alert" className="rounded border border-red-300 bg-red-50 p-3 text-sm text-red-900">
                Disabled {when(e.disabledAt)} because it kept failing: {e.disabledReason} Fix the receiver, replay a delivery to check it,
                then enable it again.
              </p>
            ) : null}
            {e.description ? <p className="text-sm text-neutral-700">{e.description}</p> : null}
            <details>
              <summary className="cursor-pointer text-sm">Signing secret</summary>
              <p className="mt-1 text-xs text-neutral-700">Verify each request with it (any Standard Webhooks library). Keep it secret.</p>
              <input readOnly aria-label={`Signing secret of ${e.url}`} value={e.secret} className={`${input} mt-1 font-mono`} />
            </details>
            <details>
              <summary className="cursor-pointer text-sm">Edit</summary>
              <ActionForm action={updateWebhookEndpointAction} label={`Edit ${e.url}`} submitLabel="Save" className="mt-2 grid gap-3">
                <input type="hidden" name="endpointId" value={e.id} />
                <input type="hidden" name="version" value={e.version} />
                <EndpointFields endpoint={e} idPrefix={e.id} />
              </ActionForm>
            </details>
            <h4 className="text-sm font-semibold">Latest deliveries</h4>
            <DeliveryLog endpoint={e} />
            <ActionForm action={deleteWebhookEndpointAction} label={`Delete ${e.url}`} submitLabel="Delete endpoint" danger>
              <input type="hidden" name="endpointId" value={e.id} />
            </ActionForm>
          </article>
        ))}
      </section>
    </div>
  );
}
