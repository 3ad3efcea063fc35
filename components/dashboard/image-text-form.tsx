'use client';

import { Field } from '@/components/dashboard/field';
import { FormMessages } from '@/components/dashboard/form-messages';
import { useFormAction, type FormAction } from '@/components/dashboard/use-form-action';
import { failureOf } from '@/lib/operations/action-result';

type Props = {
  image: { id: string; version: number; alt: string; caption: string; credit: string };
  /** Saves the form's `imageId`, `baseVersion`, `alt`, `caption` and `credit`. */
  action: FormAction;
};

/** Edits an image's alt text, caption and credit; a save based on an old version is refused with a message. */
export function ImageTextForm({ image, action }: Props) {
  const [state, formAction, pending] = useFormAction(action);
  const failure = failureOf(state);
  const errors = failure?.fieldErrors ?? {};
  const values = failure?.values ?? image;
  return (
    <form key={`${image.version}:${JSON.stringify(failure?.values ?? {})}`} action={formAction} aria-label="Edit image text" className="space-y-3">
      <FormMessages state={state} />
      <input type="hidden" name="imageId" value={image.id} />
      <input type="hidden" name="baseVersion" value={image.version} />
      <Field label="Alt text" name="alt" maxLength={500} defaultValue={values.alt} hint="What the picture shows, for people who cannot see it." errors={errors.alt} />
      <Field label="Caption" name="caption" maxLength={1000} defaultValue={values.caption} errors={errors.caption} />
      <Field label="Credit" name="credit" maxLength={300} defaultValue={values.credit} hint="e.g. Jane Doe/Reuters (the page adds “Photograph:”)" errors={errors.credit} />
      <button type="submit" disabled={pending} className="rounded bg-neutral-900 px-4 py-2 font-medium text-white hover:bg-neutral-700 focus:outline-2 focus:outline-offset-2 focus:outline-blue-700 disabled:opacity-60">
        Save
      </button>
    </form>
  );
}
