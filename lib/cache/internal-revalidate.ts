import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

/**
 * Changes made outside a request (the scheduler, another instance's change records read by the change
 * feed) purge cache tags where Next's revalidateTag cannot run, so they ask their own server to
 * through /api/internal/revalidate. The request body is signed with an HMAC of
 * AUTH_SECRET and carries a timestamp, so only this deployment can call it and a captured call
 * cannot be replayed later.
 */
export const SIGNATURE_HEADER = 'x-masthead-signature';
const MAX_AGE_MS = 60_000;

/** The cache tags to purge (lib/cache/tags.ts names them), with the time the request was signed. */
export const revalidateRequestSchema = z.strictObject({
  at: z.number().int(),
  tags: z.array(z.string().min(1).max(120)).max(5000),
});
export type RevalidateRequest = z.infer<typeof revalidateRequestSchema>;

const sign = (secret: string, body: string) => createHmac('sha256', secret).update(`revalidate:${body}`).digest('base64url');

/** A signed request body and its signature header value. */
export function signRevalidateRequest(request: Omit<RevalidateRequest, 'at'>, secret: string, now = Date.now()) {
  const body = JSON.stringify({ ...request, at: now });
  return { body, signature: sign(secret, body) };
}

/** The parsed request when the signature matches and it is fresh; null otherwise. */
export function verifyRevalidateRequest(body: string, signature: string | null, secret: string | undefined, now = Date.now()): RevalidateRequest | null {
  if (!secret || !signature) return null;
  const expected = Buffer.from(sign(secret, body));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return null;
  }
  const parsed = revalidateRequestSchema.safeParse(json);
  if (!parsed.success || Math.abs(now - parsed.data.at) > MAX_AGE_MS) return null;
  return parsed.data;
}
