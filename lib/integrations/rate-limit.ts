import 'server-only';
import { RateLimiterPrisma, RateLimiterRes } from 'rate-limiter-flexible';
import type { Db } from '@/lib/db';
import type { KeyScope } from '@/lib/integrations/decide-key';

/** The answer for one call: allowed or not, and what the RateLimit headers say. */
export type RateDecision = { allowed: boolean; limit: number; remaining: number; resetSeconds: number };

const WINDOW_SECONDS = 60;
const limiters = new WeakMap<Db, Map<string, RateLimiterPrisma>>();

function limiterFor(db: Db, scope: KeyScope, points: number): RateLimiterPrisma {
  let byLimit = limiters.get(db);
  if (!byLimit) limiters.set(db, (byLimit = new Map()));
  const id = `${scope}:${points}`;
  let limiter = byLimit.get(id);
  if (!limiter) {
    // rate-limiter-flexible's Prisma store on the ApiRateLimit table: the count lives in PostgreSQL, so
    // every instance of the site counts each key against the same limit.
    limiter = new RateLimiterPrisma({
      storeClient: db,
      tableName: 'apiRateLimit',
      keyPrefix: `api-${scope}`,
      points,
      duration: WINDOW_SECONDS,
    });
    byLimit.set(id, limiter);
  }
  return limiter;
}

/**
 * Counts one call against the key's limit per minute (`limit`: API_RATE_LIMIT_CONTENT or _ADMIN). When
 * the store cannot be reached the call is allowed: an API answering 429 to everyone because of a
 * counting failure is worse than one that briefly does not count.
 */
export async function consumeApiCall(
  db: Db,
  { scope, keyId, limit }: { scope: KeyScope; keyId: string; limit: number },
): Promise<RateDecision> {
  try {
    const res = await limiterFor(db, scope, limit).consume(keyId, 1);
    return { allowed: true, limit, remaining: res.remainingPoints, resetSeconds: Math.ceil(res.msBeforeNext / 1000) };
  } catch (error) {
    if (error instanceof RateLimiterRes)
      return { allowed: false, limit, remaining: 0, resetSeconds: Math.max(1, Math.ceil(error.msBeforeNext / 1000)) };
    console.error('[api] rate limit store failed; call allowed', error instanceof Error ? error.message : error);
    return { allowed: true, limit, remaining: limit, resetSeconds: WINDOW_SECONDS };
  }
}
