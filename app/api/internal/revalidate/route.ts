import { revalidateTags } from '@/lib/cache/tags';
import { SIGNATURE_HEADER, verifyRevalidateRequest } from '@/lib/cache/internal-revalidate';
import { getEnv } from '@/lib/env';
import { forgetRedirects } from '@/lib/redirects/redirect-lookup';

/**
 * Purges cache tags for work done outside a request in this instance (the scheduler, the change feed
 * following every instance's change records); only requests signed with AUTH_SECRET are obeyed.
 */
export async function POST(request: Request) {
  const body = await request.text();
  const purge = verifyRevalidateRequest(body, request.headers.get(SIGNATURE_HEADER), getEnv().AUTH_SECRET);
  if (!purge) return Response.json({ error: 'Forbidden' }, { status: 403 });
  revalidateTags(purge.tags);
  forgetRedirects();
  return Response.json({ revalidated: true });
}
