import type { ChecklistFailures } from '@/lib/articles/decide-checklist';
import type { FieldErrors } from './editor-state';

/** The class of every input, select and textarea of the editor. */
export const fieldClass = 'mt-1 w-full rounded border border-neutral-400 bg-white px-3 py-2 disabled:bg-neutral-100';

/**
 * What the editor says beside its fields: the server's field errors, and the publish checklist's reasons
 * (empty for a role that does not publish, so writers are not nagged). `idPrefix` keeps ids unique.
 */
export type FieldNotes = { idPrefix: string; errors: FieldErrors; needed: ChecklistFailures };

/** The id of a field's input, so the publish checklist can move focus to it. */
export const fieldId = (notes: Pick<FieldNotes, 'idPrefix'>, field: string): string => `${notes.idPrefix}-field-${field}`;

/** The first error of `notes.errors[field]`. */
export const errorOf = (notes: FieldNotes, field: string): string | undefined => notes.errors[field]?.[0];

/** A field's error, else (with `check`) what it still needs before publishing. */
export function FieldMessages({ notes, field, check }: { notes: FieldNotes; field: string; check?: keyof ChecklistFailures }) {
  const error = errorOf(notes, field);
  const needed = check ? notes.needed[check] : undefined;
  return (
    <>
      {error && (
        <span id={`${notes.idPrefix}-${field}-error`} className="mt-1 block text-sm text-red-800">
          {error}
        </span>
      )}
      {needed && !error && <span className="mt-1 block text-sm text-amber-800">Needed to publish: {needed}</span>}
    </>
  );
}
