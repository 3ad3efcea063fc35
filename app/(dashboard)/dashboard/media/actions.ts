'use server';

import { redirect } from 'next/navigation';
import { AppError } from '@/lib/errors';
import { typedValues } from '@/lib/forms/form-input';
import { MAX_UPLOAD_BYTES, tooLargeMessage } from '@/lib/media/decide-upload';
import { deleteImage } from '@/lib/media/delete-image';
import { updateImage } from '@/lib/media/update-image';
import { uploadImage } from '@/lib/media/upload-image';
import type { ActionResult, FormState } from '@/lib/operations/action-result';
import { runAsFormAction } from '@/lib/operations/server-action';
import { dashboardRoutes, mediaPath } from '@/lib/routes';

// Every action takes the actor from the session; the operations check what that actor may do.

/** An uploaded image as the pickers show it. */
export type UploadedImage = { id: string; src: string; alt: string; caption: string; credit: string; width: number; height: number };

/** The upload form's state: on success it carries the new image. */
export type UploadState = FormState<{ image: UploadedImage }>;

const TEXT_FIELDS = ['alt', 'caption', 'credit'] as const;

/** The form's file as bytes, or INVALID on the `file` field (none chosen, empty, too large). */
async function fileBytesOf(form: FormData): Promise<Uint8Array> {
  const file = form.get('file');
  const refuse = (message: string) => new AppError('INVALID', message, { file: [message] });
  if (!(file instanceof File) || file.size === 0) throw refuse(file instanceof File && file.name ? 'The file is empty. Choose an image file to upload.' : 'Choose an image file to upload.');
  if (file.size > MAX_UPLOAD_BYTES) throw refuse(tooLargeMessage(file.size));
  return new Uint8Array(await file.arrayBuffer());
}

/** Uploads the form's `file` with its alt text, caption and credit; any signed-in role may upload. */
export async function uploadImageAction(_prev: UploadState, formData: FormData): Promise<ActionResult<{ image: UploadedImage }>> {
  return runAsFormAction(uploadImage, formData, async (form) => ({ bytes: await fileBytesOf(form), text: typedValues(form, TEXT_FIELDS) }), {
    revalidatePaths: [dashboardRoutes.media()],
    present: ({ id, storageKey, alt, caption, credit, width, height }) => ({
      message: `Uploaded (${width} × ${height} pixels).`,
      image: { id, src: mediaPath(storageKey), alt, caption, credit, width, height },
    }),
    keep: TEXT_FIELDS,
  });
}

/** Saves an image's alt text, caption and credit against the version the form was loaded with. */
export async function updateImageAction(_prev: FormState, formData: FormData): Promise<ActionResult> {
  return runAsFormAction(
    updateImage,
    formData,
    (form) => ({ imageId: String(form.get('imageId') ?? ''), baseVersion: form.get('baseVersion'), text: typedValues(form, TEXT_FIELDS) }),
    {
      revalidatePaths: ({ id }) => [dashboardRoutes.image(id), dashboardRoutes.media()],
      present: () => ({ message: 'Saved.' }),
      keep: TEXT_FIELDS,
    },
  );
}

/** Deletes an unused image and returns to the library; refused with a message while it is in use. */
export async function deleteImageAction(_prev: FormState, formData: FormData): Promise<ActionResult> {
  const result = await runAsFormAction(deleteImage, formData, (form) => ({ imageId: form.get('imageId') }), { revalidatePaths: [dashboardRoutes.media()] });
  if (!result.ok && result.code !== 'NOT_FOUND') return result;
  redirect(result.ok ? dashboardRoutes.media({ deleted: '1' }) : dashboardRoutes.media());
}
