import { mediaContentType } from '@/lib/media/storage';
import { getMediaStorage } from '@/lib/media/store';

/** Serves an uploaded image. Keys are random and never reused, so responses are cached for a year. */
export async function GET(_request: Request, { params }: { params: Promise<{ key: string }> }) {
  const { key } = await params;
  const bytes = await getMediaStorage().get(key);
  if (!bytes) return new Response('Not found', { status: 404, headers: { 'content-type': 'text/plain' } });
  return new Response(new Uint8Array(bytes), {
    headers: {
      'content-type': mediaContentType(key),
      'cache-control': 'public, max-age=31536000, immutable',
      'x-content-type-options': 'nosniff',
    },
  });
}
