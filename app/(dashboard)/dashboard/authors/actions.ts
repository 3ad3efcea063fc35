'use server';

import { createAuthor } from '@/lib/authors/create-author';
import { updateAuthor } from '@/lib/authors/update-author';
import { pickFormFields } from '@/lib/forms/form-input';
import type { ActionResult, FormState } from '@/lib/operations/action-result';
import { runAsFormAction } from '@/lib/operations/server-action';
import { authorPath, dashboardRoutes } from '@/lib/routes';

// Ids and versions in the form are only the request: each operation checks the actor from the session.
const EDITABLE = ['name', 'slug', 'jobTitle', 'organisation', 'bio', 'photoId', 'userId'] as const;
const options = { capability: 'manage:authors', revalidatePaths: [dashboardRoutes.authors()], keep: EDITABLE } as const;

/** Creates an author profile from the "new author" form. */
export async function createAuthorAction(_prev: FormState, formData: FormData): Promise<ActionResult> {
  return runAsFormAction(createAuthor, formData, (form) => pickFormFields(form, EDITABLE), {
    ...options,
    present: (author) => ({ message: `Created “${author.name}” at ${authorPath(author.slug)}.` }),
  });
}

/** Saves an author's edit form, conditional on its version. */
export async function updateAuthorAction(_prev: FormState, formData: FormData): Promise<ActionResult> {
  return runAsFormAction(updateAuthor, formData, (form) => pickFormFields(form, ['id', 'version', ...EDITABLE]), { ...options, present: () => ({ message: 'Saved.' }) });
}
