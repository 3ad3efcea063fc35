'use client';

import { useActionState } from 'react';
import { createArticleAction } from '@/app/(dashboard)/dashboard/articles/actions';

/** Headline and section: enough to create the draft, which then opens in the editor. */
export function NewArticleForm({ sections }: { sections: { id: string; name: string }[] }) {
  const [state, action, pending] = useActionState(createArticleAction, null);
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  return (
    <form action={action} className="mt-4 space-y-4">
      {state && !state.ok && <p role="alert" className="text-red-800">{state.message}</p>}
      <label className="block">
        <span className="block font-medium">Headline</span>
        <input name="headline" required maxLength={300} className="mt-1 w-full rounded border border-neutral-400 px-3 py-2" aria-describedby="headline-error" />
        {errors.headline && <span id="headline-error" className="text-sm text-red-800">{errors.headline[0]}</span>}
      </label>
      <label className="block">
        <span className="block font-medium">Section</span>
        <select name="sectionId" required className="mt-1 w-full rounded border border-neutral-400 px-3 py-2" defaultValue="">
          <option value="" disabled>
            Choose a section
          </option>
          {sections.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </select>
        {errors.sectionId && <span className="text-sm text-red-800">{errors.sectionId[0]}</span>}
      </label>
      <button type="submit" disabled={pending} className="rounded bg-neutral-900 px-4 py-2 font-semibold text-white disabled:opacity-60">
        {pending ? 'Creating…' : 'Create draft'}
      </button>
    </form>
  );
}
