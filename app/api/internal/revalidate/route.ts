import { revalidateContent } from '@/lib/cache/tags';
import { SIGNATURE_HEADER, verifyRevalidateRequest } from '@/lib/cache/internal-revalidate';
import { getEnv } from '@/lib/env';

/** Revalidates reader pages for the in-process scheduler; only requests signed with AUTH_SECRET are obeyed. */
export async function POST(request: Request) {
  const body = await request.text();
  const change = verifyRevalidateRequest(body, request.headers.get(SIGNATURE_HEADER), getEnv().AUTH_SECRET);
  if (!change) return Response.json({ error: 'Forbidden' }, { status: 403 });
  revalidateContent(change);
  return Response.json({ revalidated: true });
}
