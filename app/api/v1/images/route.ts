import { apiError } from '@/lib/api/errors';
import { presentImage } from '@/lib/api/content-queries';
import { adminRoute, ApiFailure, runOperation } from '@/lib/api/route';
import { getEnv } from '@/lib/env';
import { MAX_UPLOAD_BYTES } from '@/lib/media/decide-upload';
import { uploadImage } from '@/lib/media/upload-image';

/** Room for the multipart framing and the text fields around the file. */
const FORM_OVERHEAD_BYTES = 64 * 1024;

/**
 * Admin API: uploads an image to the media library (multipart/form-data: `file`, and optional `alt`,
 * `caption`, `credit`) through the library's own operation: type from magic bytes, pixel limit,
 * re-encoding. 201 with the image, whose id an article's `heroImageId` takes.
 */
export const POST = adminRoute(async (req) => {
  const type = (req.request.headers.get('content-type') ?? '').toLowerCase();
  if (!type.startsWith('multipart/form-data'))
    throw new ApiFailure(apiError('unsupported_media_type', 'Send the image as multipart/form-data with a `file` field.'));
  if (Number(req.request.headers.get('content-length') ?? 0) > MAX_UPLOAD_BYTES + FORM_OVERHEAD_BYTES) {
    throw new ApiFailure(apiError('payload_too_large', `Images are at most ${MAX_UPLOAD_BYTES / 1024 / 1024} MB.`));
  }
  let form: FormData;
  try {
    form = await req.request.formData();
  } catch {
    throw new ApiFailure(apiError('bad_request', 'The multipart body does not parse.'));
  }
  const file = form.get('file');
  if (!(file instanceof Blob))
    throw new ApiFailure(
      apiError('invalid', 'Add the image as the `file` field.', { fields: { file: ['Add the image as the `file` field.'] } }),
    );
  if (file.size > MAX_UPLOAD_BYTES)
    throw new ApiFailure(apiError('payload_too_large', `Images are at most ${MAX_UPLOAD_BYTES / 1024 / 1024} MB.`));
  const text = Object.fromEntries(['alt', 'caption', 'credit'].flatMap((k) => (typeof form.get(k) === 'string' ? [[k, form.get(k)]] : [])));
  const { result } = await runOperation(req, uploadImage, { bytes: new Uint8Array(await file.arrayBuffer()), text });
  return { status: 201, body: { image: presentImage(result, getEnv().siteUrl) } };
});
