'use client';

import { useState, type ReactNode } from 'react';
import { Field } from '@/components/dashboard/field';
import { FormMessages } from '@/components/dashboard/form-messages';
import { useFormAction, type FormAction } from '@/components/dashboard/use-form-action';
import { failureOf } from '@/lib/operations/action-result';
import type { KeyShown } from './actions';

/** The key just made, once: selectable text the admin copies into the other system. */
function KeyReveal({ value }: { value: string }) {
  return (
    <div className="space-y-1 rounded border border-amber-400 bg-amber-50 p-3 sm:col-span-2">
      <label htmlFor="new-key" className="block text-sm font-medium">
        API key (shown only once)
      </label>
      <input
        id="new-key"
        readOnly
        value={value}
        onFocus={(e) => e.currentTarget.select()}
        className="block w-full rounded border border-neutral-400 bg-white px-3 py-2 font-mono text-sm"
      />
      <p className="text-xs text-neutral-700">Send it as “Authorization: Bearer …”. Only a hash of it is kept: if it is lost, rotate it.</p>
    </div>
  );
}

/** Creates an integration from its name, description and what its key may do; shows the new key once. */
export function CreateIntegrationForm({ action }: { action: FormAction<KeyShown> }) {
  const [state, formAction, pending] = useFormAction(action);
  const failure = failureOf(state);
  const errors = failure?.fieldErrors ?? {};
  const values = failure?.values ?? {};
  const [scope, setScope] = useState(values.scope || 'content');
  return (
    <form
      key={JSON.stringify(values)}
      action={formAction}
      aria-label="Create an integration"
      className="grid gap-4 rounded border border-neutral-200 bg-white p-4 sm:grid-cols-2"
    >
      <FormMessages state={state} className="sm:col-span-2" />
      {state.ok && 'key' in state && state.key ? <KeyReveal value={state.key} /> : null}
      <Field
        label="Name"
        name="name"
        required
        maxLength={80}
        defaultValue={values.name}
        errors={errors.name}
        hint="What it is, e.g. Apple News, Wire desk importer."
      />
      <Field label="Description" name="description" maxLength={500} defaultValue={values.description} errors={errors.description} />
      <fieldset className="space-y-1">
        <legend className="text-sm font-medium">Key</legend>
        <label className="flex items-center gap-2 text-sm">
          <input type="radio" name="scope" value="content" checked={scope === 'content'} onChange={() => setScope('content')} /> Content:
          reads published content
        </label>
        <label className="flex items-center gap-2 text-sm">
          <input type="radio" name="scope" value="admin" checked={scope === 'admin'} onChange={() => setScope('admin')} /> Admin: writes,
          with a role
        </label>
        {errors.scope ? <p className="text-sm text-red-800">{errors.scope.join(' ')}</p> : null}
      </fieldset>
      <div className="space-y-1">
        <label htmlFor="field-role" className="block text-sm font-medium">
          Role of an admin key
        </label>
        <select
          id="field-role"
          name="role"
          defaultValue={values.role || 'WRITER'}
          disabled={scope !== 'admin'}
          className="block w-full rounded border border-neutral-400 px-3 py-2 disabled:opacity-60"
        >
          <option value="WRITER">Writer: drafts and submits</option>
          <option value="EDITOR">Editor: also publishes</option>
          <option value="ADMIN">Admin</option>
        </select>
        {errors.role ? <p className="text-sm text-red-800">{errors.role.join(' ')}</p> : null}
      </div>
      <div className="sm:col-span-2">
        <button
          type="submit"
          disabled={pending}
          className="rounded bg-neutral-900 px-4 py-2 font-medium text-white hover:bg-neutral-700 focus:outline-2 focus:outline-offset-2 focus:outline-blue-700 disabled:opacity-60"
        >
          Create integration
        </button>
      </div>
    </form>
  );
}

/** A one-button form (rotate) whose success shows the new key once. */
export function RotateKeyForm({ action, label, children }: { action: FormAction<KeyShown>; label: string; children: ReactNode }) {
  const [state, formAction, pending] = useFormAction(action);
  return (
    <form action={formAction} aria-label={label} className="flex flex-wrap items-end gap-2">
      {children}
      <button
        type="submit"
        disabled={pending}
        className="rounded border border-neutral-500 px-3 py-1.5 text-sm font-medium hover:bg-neutral-100 focus:outline-2 focus:outline-offset-1 focus:outline-blue-700 disabled:opacity-60"
      >
        Rotate key
      </button>
      <FormMessages state={state} className="w-full" withFieldErrors />
      {state.ok && 'key' in state && state.key ? <KeyReveal value={state.key} /> : null}
    </form>
  );
}
