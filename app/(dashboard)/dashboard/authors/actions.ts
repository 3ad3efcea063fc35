'use server';

import { revalidatePath } from 'next/cache';
import { rolesWith } from '@/lib/auth/permissions';
import { getRequestIp } from '@/lib/auth/request-ip';
import { requireActor } from '@/lib/auth/session';
import { createAuthor, updateAuthor } from '@/lib/authors/mutations';
import { revalidateContent } from '@/lib/cache/tags';
import { getDb } from '@/lib/db';
import { pickFormFields } from '@/lib/forms/form-input';
import { formStateFromError, type FormState } from '@/lib/forms/form-state';

// Every action re-checks the actor from the session; ids and versions in the form are only the request.
const manager = () => requireActor({ roles: rolesWith('manage:authors') });

const EDITABLE = ['name', 'slug', 'jobTitle', 'organisation', 'bio', 'photoId', 'userId'] as const;

function refused(error: unknown, formData: FormData): FormState {
  return { ...formStateFromError(error), values: Object.fromEntries(EDITABLE.map((k) => [k, String(formData.get(k) ?? '')])) };
}

/** Creates an author profile from the "new author" form. */
export async function createAuthorAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const actor = await manager();
  try {
    const { author, change } = await createAuthor({ db: getDb(), actor, ip: await getRequestIp(), input: pickFormFields(formData, EDITABLE) });
    revalidateContent(change);
    revalidatePath('/dashboard/authors');
    return { ok: true, message: `Created “${author.name}” at /authors/${author.slug}.` };
  } catch (error) {
    return refused(error, formData);
  }
}

/** Saves an author's edit form, conditional on its version. */
export async function updateAuthorAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const actor = await manager();
  try {
    const { change } = await updateAuthor({ db: getDb(), actor, ip: await getRequestIp(), input: pickFormFields(formData, ['id', 'version', ...EDITABLE]) });
    revalidateContent(change);
    revalidatePath('/dashboard/authors');
    return { ok: true, message: 'Saved.' };
  } catch (error) {
    return refused(error, formData);
  }
}
