'use server';

import { revalidatePath } from 'next/cache';
import { rolesWith } from '@/lib/auth/permissions';
import { getRequestIp } from '@/lib/auth/request-ip';
import { requireActor } from '@/lib/auth/session';
import { getDb } from '@/lib/db';
import { formStateFromError, type FormState } from '@/lib/forms/form-state';
import { changeUserRole, createUserAccount, resetUserPassword, setUserDisabled } from '@/lib/users/mutations';

// Every action re-checks the actor from the session; ids and roles in the form are only the request.
const admin = () => requireActor({ roles: rolesWith('manage:users') });

export async function createUserAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const actor = await admin();
  try {
    const user = await createUserAccount({
      db: getDb(),
      actor,
      ip: await getRequestIp(),
      input: { email: formData.get('email'), name: formData.get('name'), role: formData.get('role'), password: formData.get('password') },
    });
    revalidatePath('/dashboard/users');
    return { ok: true, message: `Created ${user.email}.` };
  } catch (error) {
    return formStateFromError(error);
  }
}

export async function changeRoleAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const actor = await admin();
  try {
    await changeUserRole({ db: getDb(), actor, ip: await getRequestIp(), userId: formData.get('userId'), role: formData.get('role') });
    revalidatePath('/dashboard/users');
    return { ok: true, message: 'Role changed. Their sessions have ended.' };
  } catch (error) {
    return formStateFromError(error);
  }
}

export async function setDisabledAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const actor = await admin();
  try {
    const disabled = formData.get('disabled') === 'true';
    await setUserDisabled({ db: getDb(), actor, ip: await getRequestIp(), userId: formData.get('userId'), disabled });
    revalidatePath('/dashboard/users');
    return { ok: true, message: disabled ? 'User disabled. Their sessions have ended.' : 'User enabled.' };
  } catch (error) {
    return formStateFromError(error);
  }
}

export async function resetPasswordAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const actor = await admin();
  try {
    await resetUserPassword({ db: getDb(), actor, ip: await getRequestIp(), userId: formData.get('userId'), password: formData.get('password') });
    return { ok: true, message: 'Password reset. Their sessions have ended.' };
  } catch (error) {
    return formStateFromError(error);
  }
}
