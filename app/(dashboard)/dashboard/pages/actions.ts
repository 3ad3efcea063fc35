'use server';

import { redirect } from 'next/navigation';
import { pickFormFields } from '@/lib/forms/form-input';
import type { ActionResult, FormState } from '@/lib/operations/action-result';
import { runAsFormAction } from '@/lib/operations/server-action';
import { createPage } from '@/lib/pages/create-page';
import { deletePage } from '@/lib/pages/delete-page';
import { updatePage } from '@/lib/pages/update-page';
import { dashboardRoutes, standingPagePath } from '@/lib/routes';

// Ids and versions in the form are only the request: each operation checks the actor from the session.
const EDITABLE = ['title', 'slug', 'standfirst', 'role', 'showInFooter', 'position', 'body'] as const;
const options = { capability: 'manage:pages', revalidatePaths: [dashboardRoutes.pages()] } as const;

/** Creates a standing page from the "new page" form, then opens it in the editor. */
export async function createPageAction(_prev: FormState, formData: FormData): Promise<ActionResult> {
  const result = await runAsFormAction(createPage, formData, (form) => pickFormFields(form, EDITABLE), { ...options, present: (page) => ({ id: page.id }) });
  if (result.ok) redirect(dashboardRoutes.page(result.id));
  return result;
}

/** Saves a standing page's edit form, conditional on its version. */
export async function updatePageAction(_prev: FormState, formData: FormData): Promise<ActionResult> {
  return runAsFormAction(updatePage, formData, (form) => pickFormFields(form, ['id', 'version', ...EDITABLE]), {
    ...options,
    revalidatePaths: (page) => [dashboardRoutes.pages(), dashboardRoutes.page(page.id)],
    present: (page) => ({ message: `Saved. Readers see it at ${standingPagePath(page.slug)}.` }),
  });
}

/** Deletes a standing page, conditional on its version, then goes back to the list. */
export async function deletePageAction(_prev: FormState, formData: FormData): Promise<ActionResult> {
  const result = await runAsFormAction(deletePage, formData, (form) => pickFormFields(form, ['id', 'version']), options);
  if (result.ok) redirect(dashboardRoutes.pages());
  return result;
}
