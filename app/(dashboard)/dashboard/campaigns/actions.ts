'use server';

import { createCampaign } from '@/lib/campaigns/create-campaign';
import { updateCampaign } from '@/lib/campaigns/update-campaign';
import { pickFormFields } from '@/lib/forms/form-input';
import type { ActionResult, FormState } from '@/lib/operations/action-result';
import { runAsFormAction } from '@/lib/operations/server-action';
import { campaignPath, dashboardRoutes } from '@/lib/routes';

// Ids and versions in the form are only the request: each operation checks the actor from the session.
const EDITABLE = ['name', 'slug', 'description', 'partnerName', 'disclosureLabel', 'startsOn', 'endsOn'] as const;
const options = { capability: 'manage:campaigns', revalidatePaths: [dashboardRoutes.campaigns()], keep: EDITABLE } as const;

/** Creates a campaign from the "new campaign" form. */
export async function createCampaignAction(_prev: FormState, formData: FormData): Promise<ActionResult> {
  return runAsFormAction(createCampaign, formData, (form) => pickFormFields(form, EDITABLE), {
    ...options,
    present: (campaign) => ({ message: `Created “${campaign.name}” at ${campaignPath(campaign.slug)}.` }),
  });
}

/** Saves a campaign's edit form, conditional on its version. */
export async function updateCampaignAction(_prev: FormState, formData: FormData): Promise<ActionResult> {
  return runAsFormAction(updateCampaign, formData, (form) => pickFormFields(form, ['id', 'version', ...EDITABLE]), { ...options, present: () => ({ message: 'Saved.' }) });
}
