'use server';

import { pickFormFields } from '@/lib/forms/form-input';
import type { ActionResult, FormState } from '@/lib/operations/action-result';
import { runAsFormAction } from '@/lib/operations/server-action';
import { dashboardRoutes, sectionPath } from '@/lib/routes';
import { createSection } from '@/lib/sections/create-section';
import { deleteSection } from '@/lib/sections/delete-section';
import { moveSection } from '@/lib/sections/move-section';
import { updateSection } from '@/lib/sections/update-section';

// Ids and versions in the form are only the request: each operation checks the actor from the session.
const options = { capability: 'manage:sections', revalidatePaths: [dashboardRoutes.sections()] } as const;
const EDITABLE = ['name', 'slug', 'description'] as const;

/** Creates a section from the "new section" form. */
export async function createSectionAction(_prev: FormState, formData: FormData): Promise<ActionResult> {
  return runAsFormAction(createSection, formData, (form) => pickFormFields(form, EDITABLE), {
    ...options,
    present: (section) => ({ message: `Created “${section.name}” at ${sectionPath(section.slug)}.` }),
    keep: EDITABLE,
  });
}

/** Saves a section's edit form (name, slug, description, place), conditional on its version. */
export async function updateSectionAction(_prev: FormState, formData: FormData): Promise<ActionResult> {
  return runAsFormAction(updateSection, formData, (form) => pickFormFields(form, ['id', 'version', ...EDITABLE, 'place']), {
    ...options,
    present: ({ section, redirects }) => ({
      message: redirects > 0 ? `Saved. The old addresses now redirect to ${sectionPath(section.slug)} (${redirects} redirects).` : 'Saved.',
    }),
    keep: [...EDITABLE, 'place'],
  });
}

/** Moves a section one place up or down. */
export async function moveSectionAction(_prev: FormState, formData: FormData): Promise<ActionResult> {
  return runAsFormAction(moveSection, formData, (form) => pickFormFields(form, ['id', 'version', 'direction']), { ...options, present: () => ({ message: 'Moved.' }) });
}

/** Deletes an empty section. */
export async function deleteSectionAction(_prev: FormState, formData: FormData): Promise<ActionResult> {
  return runAsFormAction(deleteSection, formData, (form) => pickFormFields(form, ['id', 'version']), { ...options, present: () => ({ message: 'Deleted.' }) });
}
