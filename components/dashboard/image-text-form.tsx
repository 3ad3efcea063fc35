'use client';

import { useActionState } from 'react';
import { updateImageAction } from '@/app/(dashboard)/dashboard/media/actions';
import { Field } from '@/components/dashboard/field';
import type { FormState } from '@/lib/forms/form-state';

type Props = { image: { id: string; version: number; alt: string; caption: string; credit: string } };

/** Edits an image's alt text, caption and credit; a save based on an old version is refused with a message. */
export function ImageTextForm({ image }: Props) {
  const [state, formAction, pending] = useActionState<FormState, FormData>(updateImageAction, {});
  const errors = state.fieldErrors ?? {};
  const values = state.values ?? image;
  return (
    <form key={`${image.version}:${JSON.stringify(state.values ?? {})}`} action={formAction} aria-label="Edit image text" className="space-y-3">
      {state.error ? (
        <p role="alert" className="text-sm text-red-800">
          {state.error}
        </p>
      ) : null}
      {state.ok && state.message ? (
        <p role="status" className="text-sm text-green-800">
          {state.message}
        </p>
      ) : null}
      <input type="hidden" name="imageId" value={image.id} />
      <input type="hidden" name="baseVersion" value={image.version} />
      <Field label="Alt text" name="alt" maxLength={500} defaultValue={values.alt} hint="What the picture shows, for people who cannot see it." errors={errors.alt} />
      <Field label="Caption" name="caption" maxLength={1000} defaultValue={values.caption} errors={errors.caption} />
      <Field label="Credit" name="credit" maxLength={300} defaultValue={values.credit} hint="e.g. Photo: Jane Doe / Reuters" errors={errors.credit} />
      <button type="submit" disabled={pending} className="rounded bg-neutral-900 px-4 py-2 font-medium text-white hover:bg-neutral-700 focus:outline-2 focus:outline-offset-2 focus:outline-blue-700 disabled:opacity-60">
        Save
      </button>
    </form>
  );
}
