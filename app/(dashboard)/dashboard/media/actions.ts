'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { getRequestIp } from '@/lib/auth/request-ip';
import { requireActor } from '@/lib/auth/session';
import { revalidateContent } from '@/lib/cache/tags';
import { isAppError } from '@/lib/errors';
import { formStateFromError, type FormState } from '@/lib/forms/form-state';
import { MAX_UPLOAD_BYTES, tooLargeMessage } from '@/lib/media/decide-upload';
import { deleteImage, updateImage, uploadImage, type MediaChange } from '@/lib/media/mutations';
import { mediaPath } from '@/lib/media/store';

// Every action takes the actor from the session; the domain functions check what that actor may do.

/** An uploaded image as the pickers show it. */
export type UploadedImage = { id: string; src: string; alt: string; caption: string; credit: string; width: number; height: number };

/** The upload form's state: a message, field errors, and the new image on success. */
export type UploadState = FormState & { image?: UploadedImage };

const text = (formData: FormData) => ({
  alt: String(formData.get('alt') ?? ''),
  caption: String(formData.get('caption') ?? ''),
  credit: String(formData.get('credit') ?? ''),
});

function revalidateUsers(change: MediaChange) {
  if (change.articleIds.length || change.authorSlugs.length) revalidateContent(change);
}

/** Uploads the form's `file` with its alt text, caption and credit; any signed-in role may upload. */
export async function uploadImageAction(_prev: UploadState, formData: FormData): Promise<UploadState> {
  const actor = await requireActor();
  const values = text(formData);
  const file = formData.get('file');
  if (!(file instanceof File) || file.size === 0) {
    const message = file instanceof File && file.name ? 'The file is empty. Choose an image file to upload.' : 'Choose an image file to upload.';
    return { error: message, fieldErrors: { file: [message] }, values };
  }
  if (file.size > MAX_UPLOAD_BYTES) {
    const message = tooLargeMessage(file.size);
    return { error: message, fieldErrors: { file: [message] }, values };
  }
  try {
    const image = await uploadImage({ actor, ip: await getRequestIp(), bytes: new Uint8Array(await file.arrayBuffer()), text: values });
    revalidatePath('/dashboard/media');
    const { id, alt, caption, credit, width, height } = image;
    return { ok: true, message: `Uploaded (${width} × ${height} pixels).`, image: { id, src: mediaPath(image.storageKey), alt, caption, credit, width, height } };
  } catch (error) {
    return { ...formStateFromError(error), values };
  }
}

/** Saves an image's alt text, caption and credit against the version the form was loaded with. */
export async function updateImageAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const actor = await requireActor();
  const imageId = String(formData.get('imageId') ?? '');
  try {
    const saved = await updateImage({ actor, ip: await getRequestIp(), input: { imageId, baseVersion: formData.get('baseVersion'), text: text(formData) } });
    revalidateUsers(saved.change);
    revalidatePath(`/dashboard/media/${imageId}`);
    revalidatePath('/dashboard/media');
    return { ok: true, message: 'Saved.' };
  } catch (error) {
    return { ...formStateFromError(error), values: text(formData) };
  }
}

/** Deletes an unused image and returns to the library; refused with a message while it is in use. */
export async function deleteImageAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const actor = await requireActor();
  try {
    await deleteImage({ actor, ip: await getRequestIp(), imageId: formData.get('imageId') });
  } catch (error) {
    if (isAppError(error, 'NOT_FOUND')) redirect('/dashboard/media');
    return formStateFromError(error);
  }
  revalidatePath('/dashboard/media');
  redirect('/dashboard/media?deleted=1');
}
