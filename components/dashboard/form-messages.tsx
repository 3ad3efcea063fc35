import type { FormState } from '@/lib/forms/form-state';

/** A form's answer from its Server Action: the error announced (role=alert), or the success as a status. */
export function FormMessages({ state, className = '' }: { state: FormState; className?: string }) {
  return (
    <>
      {state.error ? (
        <p role="alert" className={`text-sm text-red-800 ${className}`}>
          {state.error}
        </p>
      ) : null}
      {state.message ? (
        <p role="status" className={`text-sm text-green-800 ${className}`}>
          {state.message}
        </p>
      ) : null}
    </>
  );
}
