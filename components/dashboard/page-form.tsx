'use client';

import { useState } from 'react';
import { FormMessages } from '@/components/dashboard/form-messages';
import { RichTextEditor, type LibraryImage } from '@/components/dashboard/rich-text-editor';
import { useFormAction, type FormAction } from '@/components/dashboard/use-form-action';
import type { BodyDocument } from '@/lib/articles/body-schema';
import { failureOf } from '@/lib/operations/action-result';
import { PAGE_ROLE_LABELS, PAGE_ROLES, type PageRoleName } from '@/lib/pages/page-roles';

/** What the form edits: a saved page's values, or a new page's defaults. */
export type PageFormValues = { title: string; slug: string; standfirst: string; role: PageRoleName | null; showInFooter: boolean; position: number; body: BodyDocument };

type Props = {
  action: FormAction;
  /** Accessible name of the form, e.g. "Edit About us". */
  label: string;
  submitLabel: string;
  initial: PageFormValues;
  /** The id and the version the form is based on (edits only). */
  hidden?: Record<string, string>;
  images: LibraryImage[];
  /** Whether the page exists yet (its slug then moves the page, with a redirect). */
  existing: boolean;
};

const control = 'block w-full rounded border border-neutral-400 px-3 py-2 focus:outline-2 focus:outline-offset-1 focus:outline-blue-700';

/**
 * The create and edit form of a standing page: title, slug, standfirst, role, footer place and the body
 * in the article editor's rich-text editor. Every field keeps what was typed (controlled), has a visible
 * label and its errors beside it; the form's error is announced (role=alert), success as a status.
 */
export function PageForm({ action, label, submitLabel, initial, hidden = {}, images, existing }: Props) {
  const [state, formAction, pending] = useFormAction(action);
  const [values, setValues] = useState(initial);
  const errors = failureOf(state)?.fieldErrors ?? {};
  const set = (patch: Partial<PageFormValues>) => setValues((v) => ({ ...v, ...patch }));
  const describe = (name: string, hint?: boolean) => [hint ? `page-${name}-hint` : null, errors[name]?.length ? `page-${name}-error` : null].filter(Boolean).join(' ') || undefined;
  const invalid = (name: string) => (errors[name]?.length ? true : undefined);
  const errorOf = (name: string) =>
    errors[name]?.length ? (
      <p id={`page-${name}-error`} className="text-sm text-red-800">
        {errors[name]?.join(' ')}
      </p>
    ) : null;

  return (
    <form action={formAction} aria-label={label} className="space-y-5">
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <input type="hidden" name="body" value={JSON.stringify(values.body)} />
      <FormMessages state={state} />
      <div className="space-y-1">
        <label htmlFor="page-title" className="block text-sm font-medium">
          Title
        </label>
        <input
          id="page-title"
          name="title"
          required
          maxLength={160}
          value={values.title}
          onChange={(e) => set({ title: e.target.value })}
          aria-invalid={invalid('title')}
          aria-describedby={describe('title')}
          className={`${control} font-serif text-2xl`}
        />
        {errorOf('title')}
      </div>
      <div className="grid gap-4 sm:grid-cols-2">
        <div className="space-y-1">
          <label htmlFor="page-slug" className="block text-sm font-medium">
            Slug
          </label>
          <input
            id="page-slug"
            name="slug"
            maxLength={80}
            required={existing}
            value={values.slug}
            onChange={(e) => set({ slug: e.target.value })}
            aria-invalid={invalid('slug')}
            aria-describedby={describe('slug', true)}
            className={control}
          />
          <p id="page-slug-hint" className="text-xs text-neutral-600">
            “about” is the page at /about; any other slug is /about/&lt;slug&gt;.{' '}
            {existing ? 'Changing it redirects the old address.' : 'Leave blank to make it from the title.'}
          </p>
          {errorOf('slug')}
        </div>
        <div className="space-y-1">
          <label htmlFor="page-role" className="block text-sm font-medium">
            Role
          </label>
          <select
            id="page-role"
            name="role"
            value={values.role ?? ''}
            onChange={(e) => set({ role: (e.target.value || null) as PageRoleName | null })}
            aria-invalid={invalid('role')}
            aria-describedby={describe('role', true)}
            className={control}
          >
            <option value="">None</option>
            {PAGE_ROLES.map((r) => (
              <option key={r} value={r}>
                {PAGE_ROLE_LABELS[r]}
              </option>
            ))}
          </select>
          <p id="page-role-hint" className="text-xs text-neutral-600">
            Search engines learn of the publication’s about, ethics and masthead pages from it. One page per role.
          </p>
          {errorOf('role')}
        </div>
        <div className="flex items-center gap-2 self-end pb-2">
          <input
            id="page-showInFooter"
            name="showInFooter"
            type="checkbox"
            checked={values.showInFooter}
            onChange={(e) => set({ showInFooter: e.target.checked })}
            className="h-4 w-4"
          />
          <label htmlFor="page-showInFooter" className="text-sm font-medium">
            Link it from the site’s footer
          </label>
        </div>
        <div className="space-y-1">
          <label htmlFor="page-position" className="block text-sm font-medium">
            Place in the footer
          </label>
          <input
            id="page-position"
            name="position"
            type="number"
            min={0}
            max={1000}
            value={values.position}
            onChange={(e) => set({ position: Number(e.target.value) })}
            aria-invalid={invalid('position')}
            aria-describedby={describe('position', true)}
            className={control}
          />
          <p id="page-position-hint" className="text-xs text-neutral-600">
            Lower numbers come first.
          </p>
          {errorOf('position')}
        </div>
      </div>
      <div className="space-y-1">
        <label htmlFor="page-standfirst" className="block text-sm font-medium">
          Standfirst
        </label>
        <textarea
          id="page-standfirst"
          name="standfirst"
          rows={2}
          maxLength={500}
          value={values.standfirst}
          onChange={(e) => set({ standfirst: e.target.value })}
          aria-invalid={invalid('standfirst')}
          aria-describedby={describe('standfirst')}
          className={control}
        />
        {errorOf('standfirst')}
      </div>
      <div className="space-y-1">
        <span id="page-body-label" className="block text-sm font-medium">
          Body
        </span>
        <RichTextEditor initial={initial.body} images={images} labelledBy="page-body-label" onChange={(body) => set({ body: body as BodyDocument })} />
        {errorOf('body')}
      </div>
      <button
        type="submit"
        disabled={pending}
        className="rounded bg-neutral-900 px-4 py-2 font-medium text-white hover:bg-neutral-700 focus:outline-2 focus:outline-offset-2 focus:outline-blue-700 disabled:opacity-60"
      >
        {submitLabel}
      </button>
    </form>
  );
}
