import { failureOf, successMessageOf, type FormState } from '@/lib/operations/action-result';

/**
 * A form's answer from its Server Action: a failure's message announced (role=alert), a success's message
 * as a status. `withFieldErrors` appends the field messages to the alert, for forms without visible fields.
 */
export function FormMessages({
  state,
  className = '',
  withFieldErrors = false,
}: {
  state: FormState;
  className?: string;
  withFieldErrors?: boolean;
}) {
  const failure = failureOf(state);
  const success = successMessageOf(state);
  const fieldText = withFieldErrors && failure?.fieldErrors ? ` ${Object.values(failure.fieldErrors).flat().join(' ')}` : '';
  return (
    <>
      {failure ? (
        <p role="alert" className={`text-sm text-red-800 ${className}`}>
          {failure.message}
          {fieldText}
        </p>
      ) : null}
      {success ? (
        <p role="status" className={`text-sm text-green-800 ${className}`}>
          {success}
        </p>
      ) : null}
    </>
  );
}
