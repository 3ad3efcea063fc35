import { z } from 'zod';

/** The words that travel with an image: alt text for screen readers, the caption and the credit line. */
export const imageTextSchema = z.strictObject({
  alt: z.string().trim().max(500, 'Alt text is at most 500 characters.').default(''),
  caption: z.string().trim().max(1000, 'The caption is at most 1000 characters.').default(''),
  credit: z.string().trim().max(300, 'The credit is at most 300 characters.').default(''),
});
export type ImageText = z.infer<typeof imageTextSchema>;

/** An edit of an image's text, conditional on the version the editor loaded. */
export const updateImageSchema = z.strictObject({
  imageId: z.string().min(1).max(40),
  baseVersion: z.coerce.number().int().min(1),
  text: imageTextSchema,
});

/** Images per page of the library. */
export const MEDIA_PAGE_SIZE = 24;

/** The library's query string; anything malformed is ignored rather than failing the page. */
export const listImagesSchema = z.object({
  q: z.string().trim().max(200).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).default(1).catch(1),
});
export type ListImagesInput = z.input<typeof listImagesSchema>;

/** An upload: the file's bytes as received, and its words. */
export const uploadImageSchema = z.strictObject({ bytes: z.instanceof(Uint8Array), text: imageTextSchema.default({ alt: '', caption: '', credit: '' }) });

/** Deleting one image. */
export const deleteImageSchema = z.strictObject({ imageId: z.string().min(1).max(40) });
