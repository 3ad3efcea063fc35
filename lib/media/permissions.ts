import type { Actor } from '@/lib/auth/actor';
import { can } from '@/lib/auth/permissions';

/**
 * Who may do what in the media library:
 * - Everyone with dashboard access (WRITER, EDITOR, ADMIN) may list, view and pick images: a writer needs
 *   the library to illustrate their articles.
 * - Everyone may upload (`upload:media`): a writer must be able to add the hero image of their own story.
 * - EDITOR and ADMIN (`manage:media`) edit the alt text, caption and credit of any image and delete any
 *   image that is not in use.
 * - A WRITER edits the alt text, caption and credit of, and deletes, only the images they uploaded
 *   (fixing their own typo or wrong upload), never someone else's.
 * - Nobody deletes an image in use (hero, inline in a body, author photo): that is a rule of the
 *   mutation, not of the role.
 * - Saving an article writes its hero's alt text, caption and credit to the Image row
 *   (lib/articles/article-writes.ts) under the same rule: a writer saving their article cannot change them on
 *   an image someone else uploaded (the save is refused with a message on those fields).
 */

type ImageOwner = { uploadedById: string | null };

/** True when the actor may see the library and pick from it. */
export function canViewMedia(actor: Actor | null | undefined): boolean {
  return can(actor, 'access:dashboard');
}

/** True when the actor may upload images. */
export function canUploadMedia(actor: Actor | null | undefined): boolean {
  return can(actor, 'upload:media');
}

/** True when the actor may change this image's alt text, caption and credit. */
export function canEditImage(actor: Actor | null | undefined, image: ImageOwner): boolean {
  if (!actor) return false;
  if (can(actor, 'manage:media')) return true;
  return can(actor, 'upload:media') && image.uploadedById === actor.id;
}

/** True when the actor may delete this image (still refused while it is in use). */
export function canDeleteImage(actor: Actor | null | undefined, image: ImageOwner): boolean {
  return canEditImage(actor, image);
}
