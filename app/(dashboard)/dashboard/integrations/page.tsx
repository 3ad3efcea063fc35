import Link from 'next/link';
import { ActionForm } from '@/components/dashboard/action-form';
import { rolesWith } from '@/lib/auth/permissions';
import { requireActor } from '@/lib/auth/session';
import { listIntegrations } from '@/lib/integrations/queries';
import { API_REFERENCE_PATH } from '@/lib/routes';
import { createIntegrationAction, revokeIntegrationAction, rotateIntegrationAction } from './actions';
import { CreateIntegrationForm, RotateKeyForm } from './key-forms';

export const metadata = { title: 'Integrations' };

const ROLE_LABEL = { ADMIN: 'Admin', EDITOR: 'Editor', WRITER: 'Writer' } as const;
const when = (d: Date | null) => (d ? d.toISOString().slice(0, 16).replace('T', ' ') + ' UTC' : 'never');

export default async function IntegrationsPage() {
  const actor = await requireActor({ roles: rolesWith('manage:integrations') });
  const integrations = await listIntegrations({ actor });
  return (
    <div className="space-y-8">
      <div className="space-y-2">
        <h1 className="text-2xl font-bold">Integrations</h1>
        <p className="max-w-prose text-sm text-neutral-700">
          Keys for other systems: apps, partner sites and syndication read published content with a content key; wire feeds and scripts
          write with an admin key, as the role you give them, in the audit log under the integration’s name. The API and its reference:{' '}
          <Link className="underline" href={API_REFERENCE_PATH}>
            {API_REFERENCE_PATH}
          </Link>
          .
        </p>
      </div>
      <section aria-labelledby="new-integration" className="space-y-3">
        <h2 id="new-integration" className="text-lg font-semibold">
          New integration
        </h2>
        <CreateIntegrationForm action={createIntegrationAction} />
      </section>
      <section aria-labelledby="all-integrations" className="space-y-3">
        <h2 id="all-integrations" className="text-lg font-semibold">
          All integrations ({integrations.length})
        </h2>
        {integrations.length === 0 ? <p className="text-sm text-neutral-700">None yet.</p> : null}
        <ul hidden={integrations.length === 0} className="divide-y divide-neutral-200 rounded border border-neutral-200 bg-white">
          {integrations.map((i) => (
            <li key={i.id} className="space-y-2 p-4" data-testid={`integration-${i.name}`}>
              <div className="flex flex-wrap items-baseline gap-x-3">
                <h3 className="font-semibold">{i.name}</h3>
                <span className="rounded bg-neutral-100 px-2 py-0.5 text-xs">
                  {i.scope === 'ADMIN' ? `Admin key · ${ROLE_LABEL[i.user?.role ?? 'WRITER']}` : 'Content key'}
                </span>
                {i.revokedAt ? (
                  <span className="rounded bg-red-100 px-2 py-0.5 text-xs text-red-800">Revoked {when(i.revokedAt)}</span>
                ) : null}
              </div>
              {i.description ? <p className="text-sm text-neutral-700">{i.description}</p> : null}
              <dl className="grid grid-cols-[max-content_1fr] gap-x-4 text-sm text-neutral-700">
                <dt>Key</dt>
                <dd className="font-mono">
                  mh_{i.scope === 'ADMIN' ? 'admin' : 'content'}_{i.publicId}_…
                </dd>
                <dt>Last used</dt>
                <dd>{when(i.lastUsedAt)}</dd>
                <dt>Created</dt>
                <dd>
                  {when(i.createdAt)}
                  {i.createdBy ? ` by ${i.createdBy.name}` : ' from the command line'}
                  {i.rotatedAt ? ` · rotated ${when(i.rotatedAt)}` : ''}
                </dd>
              </dl>
              {i.revokedAt ? null : (
                <div className="flex flex-wrap gap-x-6 gap-y-3">
                  <RotateKeyForm action={rotateIntegrationAction} label={`Rotate the key of ${i.name}`}>
                    <input type="hidden" name="integrationId" value={i.id} />
                  </RotateKeyForm>
                  <ActionForm action={revokeIntegrationAction} label={`Revoke ${i.name}`} submitLabel="Revoke" danger>
                    <input type="hidden" name="integrationId" value={i.id} />
                  </ActionForm>
                </div>
              )}
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
