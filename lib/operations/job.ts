import { revalidateContent } from '@/lib/cache/tags';
import type { Outcome } from '@/lib/operations/operation';

/**
 * The adapter from a system operation to a background job (the scheduler now, the queue later): runs
 * it, and after the commit purges the change's reader pages in this process, as the Server Action
 * adapter does. Other instances purge them through the change feed. Returns the outcome; errors are
 * the caller's to log.
 */
export async function runAsJob<T>(operation: () => Promise<Outcome<T>>): Promise<Outcome<T>> {
  const outcome = await operation();
  if (outcome.change?.content) revalidateContent(outcome.change.content);
  return outcome;
}
