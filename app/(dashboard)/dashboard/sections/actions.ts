'use server';

import { revalidatePath } from 'next/cache';
import { rolesWith } from '@/lib/auth/permissions';
import { getRequestIp } from '@/lib/auth/request-ip';
import { requireActor } from '@/lib/auth/session';
import { revalidateContent } from '@/lib/cache/tags';
import { getDb } from '@/lib/db';
import { pickFormFields } from '@/lib/forms/form-input';
import { formStateFromError, type FormState } from '@/lib/forms/form-state';
import { createSection, deleteSection, moveSection, updateSection } from '@/lib/sections/mutations';

// Every action re-checks the actor from the session; ids and versions in the form are only the request.
const manager = () => requireActor({ roles: rolesWith('manage:sections') });

const EDITABLE = ['name', 'slug', 'description'] as const;

function refused(error: unknown, formData: FormData): FormState {
  const values = Object.fromEntries(['name', 'slug', 'description', 'place'].map((k) => [k, String(formData.get(k) ?? '')]));
  return { ...formStateFromError(error), values };
}

/** Creates a section from the "new section" form. */
export async function createSectionAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const actor = await manager();
  try {
    const { section, change } = await createSection({ db: getDb(), actor, ip: await getRequestIp(), input: pickFormFields(formData, EDITABLE) });
    revalidateContent(change);
    revalidatePath('/dashboard/sections');
    return { ok: true, message: `Created “${section.name}” at /${section.slug}.` };
  } catch (error) {
    return refused(error, formData);
  }
}

/** Saves a section's edit form (name, slug, description, place), conditional on its version. */
export async function updateSectionAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const actor = await manager();
  try {
    const { section, redirects, change } = await updateSection({ db: getDb(), actor, ip: await getRequestIp(), input: pickFormFields(formData, ['id', 'version', ...EDITABLE, 'place']) });
    revalidateContent(change);
    revalidatePath('/dashboard/sections');
    return { ok: true, message: redirects > 0 ? `Saved. The old addresses now redirect to /${section.slug} (${redirects} redirects).` : 'Saved.' };
  } catch (error) {
    return refused(error, formData);
  }
}

/** Moves a section one place up or down. */
export async function moveSectionAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const actor = await manager();
  try {
    const { change } = await moveSection({ db: getDb(), actor, ip: await getRequestIp(), input: pickFormFields(formData, ['id', 'version', 'direction']) });
    revalidateContent(change);
    revalidatePath('/dashboard/sections');
    return { ok: true, message: 'Moved.' };
  } catch (error) {
    return formStateFromError(error);
  }
}

/** Deletes an empty section. */
export async function deleteSectionAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const actor = await manager();
  try {
    const { change } = await deleteSection({ db: getDb(), actor, ip: await getRequestIp(), input: pickFormFields(formData, ['id', 'version']) });
    revalidateContent(change);
    revalidatePath('/dashboard/sections');
    return { ok: true, message: 'Deleted.' };
  } catch (error) {
    return formStateFromError(error);
  }
}
