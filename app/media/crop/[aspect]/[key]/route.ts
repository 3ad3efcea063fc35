import { croppedImage } from '@/lib/media/crop-image';
import { isCropAspect } from '@/lib/media/decide-crop';

const notFound = () => new Response('Not found', { status: 404, headers: { 'content-type': 'text/plain' } });

/**
 * An uploaded image cropped to 16:9, 4:3 or 1:1 for structured data (`/media/crop/4x3/<key>`). Keys are
 * never reused, so the crop is cached for a year like the original.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ aspect: string; key: string }> }) {
  const { aspect, key } = await params;
  if (!isCropAspect(aspect)) return notFound();
  const data = await croppedImage(key, aspect).catch(() => null);
  if (!data) return notFound();
  return new Response(new Uint8Array(data), {
    headers: { 'content-type': 'image/jpeg', 'cache-control': 'public, max-age=31536000, immutable', 'x-content-type-options': 'nosniff' },
  });
}
