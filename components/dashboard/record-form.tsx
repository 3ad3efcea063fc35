'use client';

import { Field } from '@/components/dashboard/field';
import { FormMessages } from '@/components/dashboard/form-messages';
import { useFormAction, type FormAction } from '@/components/dashboard/use-form-action';
import { failureOf } from '@/lib/operations/action-result';

/** One visible field of a RecordForm. `options` makes it a select; `rows` a textarea. */
export type RecordField = {
  name: string;
  label: string;
  defaultValue?: string;
  type?: 'text' | 'date' | 'number';
  hint?: string;
  required?: boolean;
  maxLength?: number;
  min?: number;
  rows?: number;
  options?: { value: string; label: string }[];
  /** Spans both columns on wider screens. */
  wide?: boolean;
};

type Props = {
  action: FormAction;
  /** Accessible name of the form, e.g. "Edit Business". */
  label: string;
  submitLabel: string;
  fields: RecordField[];
  /** Sent as hidden inputs, e.g. the id and the version the form was based on. */
  hidden?: Record<string, string>;
  /** Makes ids unique when several forms are on one page. */
  idPrefix: string;
};

const control = 'block w-full rounded border border-neutral-400 px-3 py-2 focus:outline-2 focus:outline-offset-1 focus:outline-blue-700';

/**
 * A create or edit form for a record (section, campaign, author) driven by a Server Action: every field
 * has a visible label and its errors linked to it; the form's error is announced (role=alert) and
 * success as a status. After a refusal the form keeps what was typed.
 */
export function RecordForm({ action, label, submitLabel, fields, hidden = {}, idPrefix }: Props) {
  const [state, formAction, pending] = useFormAction(action);
  const failure = failureOf(state);
  const errors = failure?.fieldErrors ?? {};
  const typed = failure?.values;
  const valueOf = (f: RecordField) => (typed && f.name in typed ? typed[f.name] : f.defaultValue) ?? '';
  return (
    // Remounted with what was typed when the server refuses it (React resets a form after its action),
    // and with the saved values once the page re-renders with a new version.
    <form
      key={`${JSON.stringify(hidden)}${JSON.stringify(typed ?? {})}`}
      action={formAction}
      aria-label={label}
      className="grid gap-4 sm:grid-cols-2"
    >
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <FormMessages state={state} className="sm:col-span-2" />
      {fields.map((f) => {
        const id = `${idPrefix}-${f.name}`;
        const wrap = f.wide ? 'space-y-1 sm:col-span-2' : 'space-y-1';
        if (!f.options && !f.rows) {
          return (
            <Field
              key={f.name}
              id={id}
              className={wrap}
              label={f.label}
              name={f.name}
              type={f.type ?? 'text'}
              defaultValue={valueOf(f)}
              hint={f.hint}
              required={f.required}
              maxLength={f.maxLength}
              min={f.min}
              errors={errors[f.name]}
            />
          );
        }
        const errorId = `${id}-error`;
        const hintId = `${id}-hint`;
        const describedBy = [f.hint ? hintId : null, errors[f.name]?.length ? errorId : null].filter(Boolean).join(' ') || undefined;
        const common = {
          id,
          name: f.name,
          defaultValue: valueOf(f),
          'aria-describedby': describedBy,
          'aria-invalid': errors[f.name]?.length ? true : undefined,
          className: control,
        };
        return (
          <div key={f.name} className={wrap}>
            <label htmlFor={id} className="block text-sm font-medium">
              {f.label}
            </label>
            {f.options ? (
              <select {...common}>
                {f.options.map((o) => (
                  <option key={o.value} value={o.value}>
                    {o.label}
                  </option>
                ))}
              </select>
            ) : (
              <textarea {...common} rows={f.rows} maxLength={f.maxLength} required={f.required} />
            )}
            {f.hint ? (
              <p id={hintId} className="text-xs text-neutral-600">
                {f.hint}
              </p>
            ) : null}
            {errors[f.name]?.length ? (
              <p id={errorId} className="text-sm text-red-800">
                {errors[f.name]?.join(' ')}
              </p>
            ) : null}
          </div>
        );
      })}
      <div className="sm:col-span-2">
        <button
          type="submit"
          disabled={pending}
          className="rounded bg-neutral-900 px-4 py-2 font-medium text-white hover:bg-neutral-700 focus:outline-2 focus:outline-offset-2 focus:outline-blue-700 disabled:opacity-60"
        >
          {submitLabel}
        </button>
      </div>
    </form>
  );
}
