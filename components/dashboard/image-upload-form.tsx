'use client';

import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { Field } from '@/components/dashboard/field';
import type { LibraryImage } from '@/components/dashboard/rich-text-editor';
import { useFormAction, type FormAction } from '@/components/dashboard/use-form-action';
import { MAX_UPLOAD_BYTES, tooLargeMessage } from '@/lib/media/decide-upload';
import { failureOf, successMessageOf } from '@/lib/operations/action-result';

/** The upload action: the form's `file`, `alt`, `caption` and `credit` in, the stored image out. */
export type UploadImageAction = FormAction<{ image: LibraryImage }>;

type Props = {
  /** Accessible name of the form, e.g. "Upload an image". */
  label: string;
  action: UploadImageAction;
  /** Called once with each newly stored image (the editor selects it as the hero). */
  onUploaded?: (image: LibraryImage) => void;
  /** Disables every control (e.g. an article the user may not edit). */
  disabled?: boolean;
};

const ACCEPT = 'image/jpeg,image/png,image/webp,image/avif,.jpg,.jpeg,.png,.webp,.avif';

/**
 * Uploads one image with its alt text, caption and credit. Errors are announced (role=alert) and tied
 * to their field; a file over the size limit is refused before it is sent.
 */
export function ImageUploadForm({ label, action, onUploaded, disabled }: Props) {
  const [state, formAction, pending] = useFormAction(action);
  const [localError, setLocalError] = useState<string | null>(null);
  const reported = useRef<string | null>(null);
  const id = useId();
  const uploaded = state.ok ? state.image : undefined;
  useEffect(() => {
    if (uploaded && reported.current !== uploaded.id) {
      reported.current = uploaded.id;
      onUploaded?.(uploaded);
    }
  }, [uploaded, onUploaded]);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    const file = new FormData(event.currentTarget).get('file');
    if (file instanceof File && file.size > MAX_UPLOAD_BYTES) {
      event.preventDefault();
      setLocalError(tooLargeMessage(file.size));
      return;
    }
    setLocalError(null);
  };

  const failure = failureOf(state);
  const error = localError ?? failure?.message;
  const success = localError ? null : successMessageOf(state);
  const errors = failure?.fieldErrors ?? {};
  const values = failure?.values ?? {};
  return (
    // Remounted with what was typed when the server refuses it (React resets a form after its action).
    <form key={JSON.stringify(values)} action={formAction} onSubmit={onSubmit} aria-label={label} className="grid gap-3 sm:grid-cols-2">
      {error ? (
        <p role="alert" className="text-sm text-red-800 sm:col-span-2">
          {error}
        </p>
      ) : null}
      {success ? (
        <p role="status" className="text-sm text-green-800 sm:col-span-2">
          {success}
        </p>
      ) : null}
      <fieldset disabled={disabled || pending} className="contents">
        <Field
          id={`${id}-file`}
          label="Image file"
          name="file"
          type="file"
          accept={ACCEPT}
          required
          hint={`JPEG, PNG, WebP or AVIF, up to ${MAX_UPLOAD_BYTES / 1024 / 1024} MB and 50 megapixels.`}
          errors={localError ? [localError] : errors.file}
          className="space-y-1 sm:col-span-2"
        />
        <Field id={`${id}-alt`} label="Alt text" name="alt" maxLength={500} defaultValue={values.alt} hint="What the picture shows, for people who cannot see it." errors={errors.alt} />
        <Field id={`${id}-credit`} label="Credit" name="credit" maxLength={300} defaultValue={values.credit} hint="e.g. Jane Doe/Reuters (the page adds “Photograph:”)" errors={errors.credit} />
        <Field id={`${id}-caption`} label="Caption" name="caption" maxLength={1000} defaultValue={values.caption} errors={errors.caption} className="space-y-1 sm:col-span-2" />
        <div className="sm:col-span-2">
          <button type="submit" className="rounded bg-neutral-900 px-4 py-2 font-medium text-white hover:bg-neutral-700 focus:outline-2 focus:outline-offset-2 focus:outline-blue-700 disabled:opacity-60">
            {pending ? 'Uploading…' : 'Upload'}
          </button>
        </div>
      </fieldset>
    </form>
  );
}
