import type { ReactNode } from 'react';

type Option = { value: string; label: string };

const control =
  'block w-full rounded border border-neutral-400 bg-white px-2 py-1.5 text-sm focus:outline-2 focus:outline-offset-1 focus:outline-blue-700';
const wrap = 'flex flex-col gap-1 text-sm font-medium';

/** A labelled select of a GET filter form; `anyLabel` (default "Any") adds the empty choice, null leaves it out. */
export function FilterSelect({
  label,
  name,
  defaultValue,
  options,
  anyLabel = 'Any',
}: {
  label: string;
  name: string;
  defaultValue?: string;
  options: Option[];
  anyLabel?: string | null;
}) {
  return (
    <label className={wrap}>
      {label}
      <select name={name} defaultValue={defaultValue ?? ''} className={control}>
        {anyLabel === null ? null : <option value="">{anyLabel}</option>}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
}

/** A labelled text, search or date input of a GET filter form. */
export function FilterInput({
  label,
  name,
  defaultValue,
  type = 'search',
}: {
  label: string;
  name: string;
  defaultValue?: string;
  type?: 'search' | 'date';
}) {
  return (
    <label className={wrap}>
      {label}
      <input name={name} type={type} defaultValue={defaultValue ?? ''} className={control} />
    </label>
  );
}

const submitClass = {
  primary: 'rounded bg-neutral-900 px-4 py-2 font-medium text-white focus:outline-2 focus:outline-offset-2 focus:outline-blue-700',
  secondary:
    'rounded border border-neutral-500 px-3 py-1.5 text-sm hover:bg-neutral-100 focus:outline-2 focus:outline-offset-1 focus:outline-blue-700',
};

/** A GET filter form, a search landmark named `label`: its fields (FilterSelect, FilterInput…), then the submit button. */
export function FilterForm({
  label,
  submitLabel,
  className,
  primary = false,
  children,
}: {
  label: string;
  submitLabel: string;
  className: string;
  /** Draws the submit button filled (the page's main control) rather than outlined. */
  primary?: boolean;
  children: ReactNode;
}) {
  return (
    <form method="get" role="search" aria-label={label} className={className}>
      {children}
      <button type="submit" className={submitClass[primary ? 'primary' : 'secondary']}>
        {submitLabel}
      </button>
    </form>
  );
}
