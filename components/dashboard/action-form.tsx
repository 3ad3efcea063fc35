'use client';

import { useActionState, type ReactNode } from 'react';
import type { FormState } from '@/lib/forms/form-state';

type Props = {
  action: (prev: FormState, formData: FormData) => Promise<FormState>;
  children: ReactNode;
  submitLabel: string;
  /** Accessible name of the form, e.g. "Change role of Ada". */
  label: string;
  className?: string;
  danger?: boolean;
};

/** A small Server Action form: errors are announced (role=alert), success as a status message. */
export function ActionForm({ action, children, submitLabel, label, className, danger }: Props) {
  const [state, formAction, pending] = useActionState<FormState, FormData>(action, {});
  return (
    <form action={formAction} aria-label={label} className={className ?? 'flex flex-wrap items-end gap-2'}>
      {children}
      <button
        type="submit"
        disabled={pending}
        className={`rounded px-3 py-1.5 text-sm font-medium focus:outline-2 focus:outline-offset-1 focus:outline-blue-700 disabled:opacity-60 ${danger ? 'border border-red-700 text-red-800 hover:bg-red-50' : 'border border-neutral-500 hover:bg-neutral-100'}`}
      >
        {submitLabel}
      </button>
      {state.error ? (
        <p role="alert" className="w-full text-sm text-red-800">
          {state.error}
          {state.fieldErrors ? ` ${Object.values(state.fieldErrors).flat().join(' ')}` : ''}
        </p>
      ) : null}
      {state.message ? (
        <p role="status" className="w-full text-sm text-green-800">
          {state.message}
        </p>
      ) : null}
    </form>
  );
}
