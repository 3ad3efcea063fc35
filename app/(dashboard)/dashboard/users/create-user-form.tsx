'use client';

import { Field } from '@/components/dashboard/field';
import { FormMessages } from '@/components/dashboard/form-messages';
import { useFormAction, type FormAction } from '@/components/dashboard/use-form-action';
import { failureOf } from '@/lib/operations/action-result';

/** Creates an account from the form's name, email, role and password; a refusal keeps what was typed (never the password). */
export function CreateUserForm({ action }: { action: FormAction }) {
  const [state, formAction, pending] = useFormAction(action);
  const failure = failureOf(state);
  const errors = failure?.fieldErrors ?? {};
  const values = failure?.values ?? {};
  return (
    // Remounted with what was typed when the server refuses it (React resets a form after its action).
    <form key={JSON.stringify(values)} action={formAction} aria-label="Create a user" className="grid gap-4 rounded border border-neutral-200 bg-white p-4 sm:grid-cols-2">
      <FormMessages state={state} className="sm:col-span-2" />
      <Field label="Name" name="name" required maxLength={120} defaultValue={values.name} errors={errors.name} />
      <Field label="Email" name="email" type="email" required autoComplete="off" defaultValue={values.email} errors={errors.email} />
      <div className="space-y-1">
        <label htmlFor="field-role" className="block text-sm font-medium">
          Role
        </label>
        <select id="field-role" name="role" defaultValue={values.role || 'WRITER'} className="block w-full rounded border border-neutral-400 px-3 py-2">
          <option value="WRITER">Writer</option>
          <option value="EDITOR">Editor</option>
          <option value="ADMIN">Admin</option>
        </select>
      </div>
      <Field label="Password" name="password" type="password" required minLength={12} autoComplete="new-password" hint="At least 12 characters. Share it with the person privately." errors={errors.password} />
      <div className="sm:col-span-2">
        <button type="submit" disabled={pending} className="rounded bg-neutral-900 px-4 py-2 font-medium text-white hover:bg-neutral-700 focus:outline-2 focus:outline-offset-2 focus:outline-blue-700 disabled:opacity-60">
          Create user
        </button>
      </div>
    </form>
  );
}
