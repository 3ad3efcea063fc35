'use server';

import { redirect } from 'next/navigation';
import { typedValues } from '@/lib/forms/form-input';
import { MAX_UPLOAD_BYTES, tooLargeMessage } from '@/lib/media/decide-upload';
import { deleteImage } from '@/lib/media/delete-image';
import { updateImage } from '@/lib/media/update-image';
import { uploadImage } from '@/lib/media/upload-image';
import type { ActionResult, FormState } from '@/lib/operations/action-result';
import { runAsAction } from '@/lib/operations/server-action';
import { dashboardRoutes, mediaPath } from '@/lib/routes';

// Every action takes the actor from the session; the operations check what that actor may do.

/** An uploaded image as the pickers show it. */
export type UploadedImage = { id: string; src: string; alt: string; caption: string; credit: string; width: number; height: number };

/** The upload form's state: on success it carries the new image. */
export type UploadState = FormState<{ image: UploadedImage }>;

const TEXT_FIELDS = ['alt', 'caption', 'credit'] as const;

/** Uploads the form's `file` with its alt text, caption and credit; any signed-in role may upload. */
export async function uploadImageAction(_prev: UploadState, formData: FormData): Promise<ActionResult<{ image: UploadedImage }>> {
  const values = typedValues(formData, TEXT_FIELDS);
  const file = formData.get('file');
  const refuse = (message: string) => ({ ok: false as const, code: 'INVALID' as const, message, fieldErrors: { file: [message] }, values });
  if (!(file instanceof File) || file.size === 0) return refuse(file instanceof File && file.name ? 'The file is empty. Choose an image file to upload.' : 'Choose an image file to upload.');
  if (file.size > MAX_UPLOAD_BYTES) return refuse(tooLargeMessage(file.size));
  return runAsAction(uploadImage, { bytes: new Uint8Array(await file.arrayBuffer()), text: values }, {
    revalidatePaths: [dashboardRoutes.media()],
    present: ({ id, storageKey, alt, caption, credit, width, height }) => ({
      message: `Uploaded (${width} × ${height} pixels).`,
      image: { id, src: mediaPath(storageKey), alt, caption, credit, width, height },
    }),
    values,
  });
}

/** Saves an image's alt text, caption and credit against the version the form was loaded with. */
export async function updateImageAction(_prev: FormState, formData: FormData): Promise<ActionResult> {
  const imageId = String(formData.get('imageId') ?? '');
  const text = typedValues(formData, TEXT_FIELDS);
  return runAsAction(updateImage, { imageId, baseVersion: formData.get('baseVersion'), text }, {
    revalidatePaths: [dashboardRoutes.image(imageId), dashboardRoutes.media()],
    present: () => ({ message: 'Saved.' }),
    values: text,
  });
}

/** Deletes an unused image and returns to the library; refused with a message while it is in use. */
export async function deleteImageAction(_prev: FormState, formData: FormData): Promise<ActionResult> {
  const result = await runAsAction(deleteImage, { imageId: formData.get('imageId') }, { revalidatePaths: [dashboardRoutes.media()] });
  if (!result.ok && result.code !== 'NOT_FOUND') return result;
  redirect(result.ok ? dashboardRoutes.media({ deleted: '1' }) : dashboardRoutes.media());
}
