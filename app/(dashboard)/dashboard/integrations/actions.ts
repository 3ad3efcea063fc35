'use server';

import { createIntegration } from '@/lib/integrations/create-integration';
import { revokeIntegration } from '@/lib/integrations/revoke-integration';
import { rotateIntegrationKey } from '@/lib/integrations/rotate-integration-key';
import type { ActionResult, FormState } from '@/lib/operations/action-result';
import { runAsFormAction } from '@/lib/operations/server-action';
import { dashboardRoutes } from '@/lib/routes';

// Ids in the form are only the request: each operation checks the actor from the session.
const options = { capability: 'manage:integrations', revalidatePaths: [dashboardRoutes.integrations()] } as const;

/** What the page shows once after creating or rotating: the key's text, never stored or shown again. */
export type KeyShown = { key: string; name: string };

export async function createIntegrationAction(_prev: FormState<KeyShown>, formData: FormData): Promise<ActionResult<KeyShown>> {
  return runAsFormAction(
    createIntegration,
    formData,
    (form) => {
      const scope = form.get('scope');
      return {
        name: form.get('name'),
        description: form.get('description') ?? '',
        scope,
        ...(scope === 'admin' ? { role: form.get('role') } : {}),
      };
    },
    {
      ...options,
      present: ({ key, name }) => ({ message: `Created “${name}”. Copy its key now: it is shown only once.`, key, name }),
      keep: ['name', 'description', 'scope', 'role'],
    },
  );
}

export async function rotateIntegrationAction(_prev: FormState<KeyShown>, formData: FormData): Promise<ActionResult<KeyShown>> {
  return runAsFormAction(rotateIntegrationKey, formData, (form) => ({ integrationId: form.get('integrationId') }), {
    ...options,
    present: ({ key }) => ({ message: 'New key made; the old one no longer works. Copy it now: it is shown only once.', key, name: '' }),
  });
}

export async function revokeIntegrationAction(_prev: FormState, formData: FormData): Promise<ActionResult> {
  return runAsFormAction(revokeIntegration, formData, (form) => ({ integrationId: form.get('integrationId') }), {
    ...options,
    present: () => ({ message: 'Revoked: its key no longer works.' }),
  });
}
