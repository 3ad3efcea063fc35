'use server';

import type { ActionResult, FormState } from '@/lib/operations/action-result';
import { runAsFormAction } from '@/lib/operations/server-action';
import { dashboardRoutes } from '@/lib/routes';
import { changeUserRole } from '@/lib/users/change-user-role';
import { createUser } from '@/lib/users/create-user';
import { resetUserPassword } from '@/lib/users/reset-user-password';
import { setUserDisabled } from '@/lib/users/set-user-disabled';

// Ids and roles in the form are only the request: each operation checks the actor from the session.
const options = { capability: 'manage:users', revalidatePaths: [dashboardRoutes.users()] } as const;

export async function createUserAction(_prev: FormState, formData: FormData): Promise<ActionResult> {
  return runAsFormAction(
    createUser,
    formData,
    (form) => ({ email: form.get('email'), name: form.get('name'), role: form.get('role'), password: form.get('password') }),
    { ...options, present: (user) => ({ message: `Created ${user.email}.` }), keep: ['name', 'email', 'role'] },
  );
}

export async function changeRoleAction(_prev: FormState, formData: FormData): Promise<ActionResult> {
  return runAsFormAction(changeUserRole, formData, (form) => ({ userId: form.get('userId'), role: form.get('role') }), {
    ...options,
    present: () => ({ message: 'Role changed. Their sessions have ended.' }),
  });
}

export async function setDisabledAction(_prev: FormState, formData: FormData): Promise<ActionResult> {
  return runAsFormAction(setUserDisabled, formData, (form) => ({ userId: form.get('userId'), disabled: form.get('disabled') === 'true' }), {
    ...options,
    present: ({ disabled }) => ({ message: disabled ? 'User disabled. Their sessions have ended.' : 'User enabled.' }),
  });
}

export async function resetPasswordAction(_prev: FormState, formData: FormData): Promise<ActionResult> {
  return runAsFormAction(resetUserPassword, formData, (form) => ({ userId: form.get('userId'), password: form.get('password') }), {
    capability: 'manage:users',
    present: () => ({ message: 'Password reset. Their sessions have ended.' }),
  });
}
