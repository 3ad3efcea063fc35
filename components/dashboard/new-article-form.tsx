'use client';

import { useFormAction, type FormAction } from '@/components/dashboard/use-form-action';
import { failureOf } from '@/lib/operations/action-result';

type Props = {
  sections: { id: string; name: string }[];
  /** Creates the draft from the form's `headline` and `sectionId` and opens it (a redirect); answers only to refuse. */
  action: FormAction;
};

/** Headline and section: enough to create the draft, which then opens in the editor. */
export function NewArticleForm({ sections, action }: Props) {
  const [state, formAction, pending] = useFormAction(action);
  const failure = failureOf(state);
  const errors = failure?.fieldErrors ?? {};
  return (
    <form action={formAction} className="mt-4 space-y-4">
      {failure && (
        <p role="alert" className="text-red-800">
          {failure.message}
        </p>
      )}
      <label className="block">
        <span className="block font-medium">Headline</span>
        <input
          name="headline"
          required
          maxLength={300}
          className="mt-1 w-full rounded border border-neutral-400 px-3 py-2"
          aria-invalid={errors.headline ? true : undefined}
          aria-describedby={errors.headline ? 'headline-error' : undefined}
        />
        {errors.headline && <span id="headline-error" className="text-sm text-red-800">{errors.headline[0]}</span>}
      </label>
      <label className="block">
        <span className="block font-medium">Section</span>
        <select
          name="sectionId"
          required
          className="mt-1 w-full rounded border border-neutral-400 px-3 py-2"
          defaultValue=""
          aria-invalid={errors.sectionId ? true : undefined}
          aria-describedby={errors.sectionId ? 'section-error' : undefined}
        >
          <option value="" disabled>
            Choose a section
          </option>
          {sections.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </select>
        {errors.sectionId && (
          <span id="section-error" className="text-sm text-red-800">
            {errors.sectionId[0]}
          </span>
        )}
      </label>
      <button type="submit" disabled={pending} className="rounded bg-neutral-900 px-4 py-2 font-semibold text-white disabled:opacity-60">
        {pending ? 'Creating…' : 'Create draft'}
      </button>
    </form>
  );
}
