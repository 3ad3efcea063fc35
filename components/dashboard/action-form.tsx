'use client';

import type { ReactNode } from 'react';
import { FormMessages } from '@/components/dashboard/form-messages';
import { useFormAction, type FormAction } from '@/components/dashboard/use-form-action';
import { useKeptSelects } from '@/components/dashboard/use-kept-selects';

type Props = {
  action: FormAction;
  children: ReactNode;
  submitLabel: string;
  /** Accessible name of the form, e.g. "Change role of Ada". */
  label: string;
  className?: string;
  danger?: boolean;
};

/** A small Server Action form: failures are announced (role=alert) with their field messages, success as a status. */
export function ActionForm({ action, children, submitLabel, label, className, danger }: Props) {
  const [state, formAction, pending] = useFormAction(action);
  const kept = useKeptSelects(state);
  return (
    <form {...kept} action={formAction} aria-label={label} className={className ?? 'flex flex-wrap items-end gap-2'}>
      {children}
      <button
        type="submit"
        disabled={pending}
        className={`rounded px-3 py-1.5 text-sm font-medium focus:outline-2 focus:outline-offset-1 focus:outline-blue-700 disabled:opacity-60 ${danger ? 'border border-red-700 text-red-800 hover:bg-red-50' : 'border border-neutral-500 hover:bg-neutral-100'}`}
      >
        {submitLabel}
      </button>
      <FormMessages state={state} className="w-full" withFieldErrors />
    </form>
  );
}
