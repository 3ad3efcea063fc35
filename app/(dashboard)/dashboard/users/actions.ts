'use server';

import type { ActionResult, FormState } from '@/lib/operations/action-result';
import { runAsAction } from '@/lib/operations/server-action';
import { dashboardRoutes } from '@/lib/routes';
import { changeUserRole } from '@/lib/users/change-user-role';
import { createUser } from '@/lib/users/create-user';
import { resetUserPassword } from '@/lib/users/reset-user-password';
import { setUserDisabled } from '@/lib/users/set-user-disabled';
import { typedValues } from '@/lib/forms/form-input';

// Ids and roles in the form are only the request: each operation checks the actor from the session.
const options = { capability: 'manage:users', revalidatePaths: [dashboardRoutes.users()] } as const;

export async function createUserAction(_prev: FormState, formData: FormData): Promise<ActionResult> {
  const input = { email: formData.get('email'), name: formData.get('name'), role: formData.get('role'), password: formData.get('password') };
  return runAsAction(createUser, input, { ...options, present: (user) => ({ message: `Created ${user.email}.` }), values: typedValues(formData, ['name', 'email', 'role']) });
}

export async function changeRoleAction(_prev: FormState, formData: FormData): Promise<ActionResult> {
  return runAsAction(changeUserRole, { userId: formData.get('userId'), role: formData.get('role') }, { ...options, present: () => ({ message: 'Role changed. Their sessions have ended.' }) });
}

export async function setDisabledAction(_prev: FormState, formData: FormData): Promise<ActionResult> {
  const disabled = formData.get('disabled') === 'true';
  return runAsAction(setUserDisabled, { userId: formData.get('userId'), disabled }, {
    ...options,
    present: () => ({ message: disabled ? 'User disabled. Their sessions have ended.' : 'User enabled.' }),
  });
}

export async function resetPasswordAction(_prev: FormState, formData: FormData): Promise<ActionResult> {
  return runAsAction(resetUserPassword, { userId: formData.get('userId'), password: formData.get('password') }, { capability: 'manage:users', present: () => ({ message: 'Password reset. Their sessions have ended.' }) });
}
