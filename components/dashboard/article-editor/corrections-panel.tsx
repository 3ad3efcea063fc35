'use client';

import { useEffect, useId, useRef } from 'react';
import { FormMessages } from '@/components/dashboard/form-messages';
import { useFormAction, type FormAction } from '@/components/dashboard/use-form-action';
import { CORRECTION_KIND_LABEL, CORRECTION_KINDS, CORRECTION_TEXT_MAX, type CorrectionKind } from '@/lib/articles/corrections';
import { failureOf } from '@/lib/operations/action-result';
import { formatDateTime } from '@/lib/text/format-date';
import { fieldClass } from './editor-fields';

/** A correction as the editor lists it (dates as ISO strings: it crosses to the browser). */
export type EditorCorrection = { id: string; kind: CorrectionKind; text: string; publishedAt: string; by: string | null; withdrawable: boolean };

/** The Server Action behind the add (and withdraw) form: on success it answers the article's new version. */
export type AddCorrectionAction = FormAction<{ version: number; correctionId: string }>;

type Props = {
  articleId: string;
  corrections: EditorCorrection[];
  /** Whether the user may add one (editors and admins, on a published article); else the list only. */
  canAdd: boolean;
  addCorrection: AddCorrectionAction;
  removeCorrection: AddCorrectionAction;
  /** Told the new version after a correction was added, so the editor's next save is based on it. */
  onAdded: (from: number, to: number) => void;
};


/**
 * The Corrections box of a published article: the corrections, clarifications and updates readers see at
 * its foot, newest first, and a form to append one (kind, text). Readers see it as soon as it is added.
 */
export function CorrectionsPanel({ articleId, corrections, canAdd, addCorrection, removeCorrection, onAdded }: Props) {
  const id = useId();
  const [state, formAction, pending] = useFormAction(addCorrection);
  // Withdrawing lives here, not in the list item: the item is gone once it succeeded.
  const [withdrawn, withdrawAction, withdrawing] = useFormAction(removeCorrection);
  const told = useRef<unknown[]>([]);
  useEffect(() => {
    for (const answer of [state, withdrawn]) {
      if (answer.ok === true && !told.current.includes(answer)) {
        told.current = [...told.current.slice(-4), answer];
        onAdded(answer.version - 1, answer.version);
      }
    }
  }, [state, withdrawn, onAdded]);
  const failure = failureOf(state);
  const errors = failure?.fieldErrors ?? {};
  const kept = failure?.values ?? {};
  return (
    <section aria-labelledby={`${id}-heading`} className="rounded border border-neutral-300 bg-white p-3">
      <h2 id={`${id}-heading`} className="font-semibold">
        Corrections
      </h2>
      {corrections.length === 0 ? (
        <p className="mt-1 text-sm text-neutral-700">None yet.</p>
      ) : (
        <ol className="mt-2 space-y-2 text-sm" data-testid="editor-corrections">
          {corrections.map((c) => (
            <li key={c.id} className="border-l-2 border-amber-600 pl-2">
              <p className="text-neutral-700">
                <span className="font-semibold text-neutral-900">{CORRECTION_KIND_LABEL[c.kind]}</span> ·{' '}
                <time dateTime={c.publishedAt}>{formatDateTime(new Date(c.publishedAt))}</time>
                {c.by && <> · {c.by}</>}
              </p>
              <p className="whitespace-pre-line">{c.text}</p>
              {canAdd && c.withdrawable && (
                <form action={withdrawAction} aria-label={`Withdraw the ${CORRECTION_KIND_LABEL[c.kind].toLowerCase()} of ${formatDateTime(new Date(c.publishedAt))}`}>
                  <input type="hidden" name="correctionId" value={c.id} />
                  <button type="submit" disabled={withdrawing} className="mt-1 text-xs text-red-800 underline underline-offset-2 disabled:opacity-60">
                    Withdraw (added by mistake)
                  </button>
                </form>
              )}
            </li>
          ))}
        </ol>
      )}
      <FormMessages state={withdrawn} className="mt-1 block" />
      {canAdd && (
        <form action={formAction} aria-label="Add a correction" className="mt-3 space-y-2 border-t border-neutral-200 pt-3" key={failure ? 'kept' : String(corrections.length)}>
          <input type="hidden" name="articleId" value={articleId} />
          <label className="block text-sm">
            Kind
            <select
              name="kind"
              defaultValue={kept.kind || 'CORRECTION'}
              className={fieldClass}
              aria-invalid={errors.kind ? true : undefined}
              aria-describedby={errors.kind ? `${id}-kind-error` : undefined}
            >
              {CORRECTION_KINDS.map((k) => (
                <option key={k} value={k}>
                  {CORRECTION_KIND_LABEL[k]}
                </option>
              ))}
            </select>
            {errors.kind && (
              <span id={`${id}-kind-error`} className="mt-1 block text-red-800">
                {errors.kind[0]}
              </span>
            )}
          </label>
          <label className="block text-sm">
            Text
            <textarea
              name="text"
              rows={4}
              maxLength={CORRECTION_TEXT_MAX}
              defaultValue={kept.text ?? ''}
              className={fieldClass}
              aria-invalid={errors.text ? true : undefined}
              aria-describedby={`${id}-text-hint${errors.text ? ` ${id}-text-error` : ''}`}
            />
            <span id={`${id}-text-hint`} className="mt-1 block text-xs text-neutral-600">
              Plain text, shown at the foot of the article with today’s date, e.g. “An earlier version of this article said … This has been corrected.”
            </span>
            {errors.text && (
              <span id={`${id}-text-error`} className="mt-1 block text-red-800">
                {errors.text[0]}
              </span>
            )}
          </label>
          <button type="submit" disabled={pending} className="rounded bg-neutral-900 px-3 py-1.5 text-sm text-white disabled:opacity-60">
            {pending ? 'Adding…' : 'Add correction'}
          </button>
          <FormMessages state={state} />
        </form>
      )}
    </section>
  );
}

