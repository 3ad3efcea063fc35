import { SIGNATURE_HEADER, signRevalidateRequest } from '@/lib/cache/internal-revalidate';
import { contentTagsOf } from '@/lib/cache/tags';
import type { ContentScope } from '@/lib/operations/content-scope';
import type { Outcome } from '@/lib/operations/operation';

/**
 * The adapter from a system operation to a background job (the scheduler now, the queue later): runs
 * it, and after the commit asks this instance's server to purge the change's reader pages. Returns the
 * outcome; errors are the caller's to log.
 */
export async function runAsJob<T>(operation: () => Promise<Outcome<T>>): Promise<Outcome<T>> {
  const outcome = await operation();
  if (outcome.change?.content) await requestRevalidation(outcome.change.content);
  return outcome;
}

/**
 * Asks this deployment's own server (127.0.0.1:PORT) to revalidate reader pages after a change made
 * outside a request, where Next's revalidateTag cannot run; signed with AUTH_SECRET. Does nothing when
 * either is unset; throws when the server refuses.
 */
export async function requestRevalidation(scope: ContentScope): Promise<void> {
  await requestTagRevalidation(contentTagsOf(scope));
}

/** `requestRevalidation` for cache tags as the change records store them. */
export async function requestTagRevalidation(tags: readonly string[]): Promise<void> {
  const secret = process.env.AUTH_SECRET;
  const port = process.env.PORT;
  if (!secret || !port || tags.length === 0) return;
  const { body, signature } = signRevalidateRequest({ tags: [...tags] }, secret);
  const response = await fetch(`http://127.0.0.1:${port}/api/internal/revalidate`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [SIGNATURE_HEADER]: signature },
    body,
  });
  if (!response.ok) throw new Error(`Revalidation after a change outside a request failed with HTTP ${response.status}.`);
}
