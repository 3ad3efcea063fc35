'use server';

import { revalidatePath } from 'next/cache';
import { rolesWith } from '@/lib/auth/permissions';
import { getRequestIp } from '@/lib/auth/request-ip';
import { requireActor } from '@/lib/auth/session';
import { revalidateContent } from '@/lib/cache/tags';
import { createCampaign, updateCampaign } from '@/lib/campaigns/mutations';
import { getDb } from '@/lib/db';
import { pickFormFields } from '@/lib/forms/form-input';
import { formStateFromError, type FormState } from '@/lib/forms/form-state';

// Every action re-checks the actor from the session; ids and versions in the form are only the request.
const manager = () => requireActor({ roles: rolesWith('manage:campaigns') });

const EDITABLE = ['name', 'slug', 'description', 'partnerName', 'disclosureLabel', 'startsOn', 'endsOn'] as const;

function refused(error: unknown, formData: FormData): FormState {
  return { ...formStateFromError(error), values: Object.fromEntries(EDITABLE.map((k) => [k, String(formData.get(k) ?? '')])) };
}

/** Creates a campaign from the "new campaign" form. */
export async function createCampaignAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const actor = await manager();
  try {
    const { campaign, change } = await createCampaign({ db: getDb(), actor, ip: await getRequestIp(), input: pickFormFields(formData, EDITABLE) });
    revalidateContent(change);
    revalidatePath('/dashboard/campaigns');
    return { ok: true, message: `Created “${campaign.name}” at /campaigns/${campaign.slug}.` };
  } catch (error) {
    return refused(error, formData);
  }
}

/** Saves a campaign's edit form, conditional on its version. */
export async function updateCampaignAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const actor = await manager();
  try {
    const { change } = await updateCampaign({ db: getDb(), actor, ip: await getRequestIp(), input: pickFormFields(formData, ['id', 'version', ...EDITABLE]) });
    revalidateContent(change);
    revalidatePath('/dashboard/campaigns');
    return { ok: true, message: 'Saved.' };
  } catch (error) {
    return refused(error, formData);
  }
}
