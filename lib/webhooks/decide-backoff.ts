const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/**
 * When each attempt of one delivery starts, as the wait after the previous attempt failed (the first
 * at once): 9 attempts over about 15 h 40 min, so a receiver that is down overnight still gets the event.
 */
export const RETRY_DELAYS_MS: readonly number[] = [
  0,
  30 * SECOND,
  2 * MINUTE,
  10 * MINUTE,
  30 * MINUTE,
  HOUR,
  2 * HOUR,
  4 * HOUR,
  8 * HOUR,
];

/** How many attempts a delivery gets before it is dead-lettered. */
export const MAX_ATTEMPTS = RETRY_DELAYS_MS.length;

/** Each wait is spread by ±20 % so that deliveries failing together do not all retry at the same instant. */
export const JITTER = 0.2;

/** An endpoint is disabled after this many deliveries in a row were dead-lettered… */
export const DISABLE_AFTER_DEAD_LETTERS = 5;
/** …or when every attempt has failed for this long… */
export const DISABLE_AFTER_FAILING_MS = 24 * HOUR;
/** …and at least this many times (a day-old single failure with nothing since is not a pattern). */
export const DISABLE_AFTER_MIN_FAILURES = 3;

/** One attempt of a delivery as the delivery log records it; `refused` when the target itself was not allowed. */
export type AttemptRecord = { at: Date; ok: boolean; refused?: boolean };

/** What to do next with a delivery: nothing (delivered), attempt `number` (1-based) at `at`, or dead-letter it. */
export type NextStep = { kind: 'delivered' } | { kind: 'attempt'; number: number; at: Date } | { kind: 'dead'; reason: string };

/**
 * The wait before attempt `number` (1-based; the first is 0), jittered within ±`JITTER` by `random`
 * (a value in [0, 1), `Math.random` by default), in whole milliseconds.
 */
export function retryDelayMs(number: number, random: () => number = Math.random): number {
  const base = RETRY_DELAYS_MS[Math.min(Math.max(number, 1), MAX_ATTEMPTS) - 1] ?? 0;
  return Math.round(base * (1 - JITTER + 2 * JITTER * random()));
}

const byTime = <T extends { at: Date }>(records: readonly T[]) => [...records].sort((a, b) => a.at.getTime() - b.at.getTime());

/**
 * The next step of one delivery from its attempts so far, pure: the first attempt now; after a success
 * nothing; after a refused target (private address, changed DNS) dead at once, as retrying cannot
 * help; after `MAX_ATTEMPTS` failures dead; otherwise the next attempt a jittered `RETRY_DELAYS_MS`
 * after the last failure.
 */
export function decideNextAttempt({
  attempts,
  now,
  random = Math.random,
}: {
  attempts: readonly AttemptRecord[];
  now: Date;
  random?: () => number;
}): NextStep {
  const ordered = byTime(attempts);
  const last = ordered.at(-1);
  if (!last) return { kind: 'attempt', number: 1, at: now };
  if (ordered.some((a) => a.ok)) return { kind: 'delivered' };
  if (last.refused)
    return { kind: 'dead', reason: 'The endpoint’s address is not allowed (it is not public); an admin must change the URL.' };
  if (ordered.length >= MAX_ATTEMPTS) return { kind: 'dead', reason: `Gave up after ${ordered.length} attempts.` };
  const number = ordered.length + 1;
  return { kind: 'attempt', number, at: new Date(last.at.getTime() + retryDelayMs(number, random)) };
}

/** One attempt in an endpoint's history: `dead` marks a failed attempt that was its delivery's last. */
export type EndpointAttempt = { at: Date; ok: boolean; dead?: boolean };

/**
 * Whether an endpoint that keeps failing should be disabled (with a notice to admins), from its
 * attempts across deliveries, pure: only the failures since its last success count; disable after
 * `DISABLE_AFTER_DEAD_LETTERS` dead letters in a row, or when the first of at least
 * `DISABLE_AFTER_MIN_FAILURES` unbroken failures is `DISABLE_AFTER_FAILING_MS` old.
 */
export function decideEndpointHealth({
  attempts,
  now,
}: {
  attempts: readonly EndpointAttempt[];
  now: Date;
}): { disable: false } | { disable: true; reason: string } {
  const ordered = byTime(attempts);
  const lastSuccess = ordered.findLastIndex((a) => a.ok);
  const failing = ordered.slice(lastSuccess + 1);
  const dead = failing.filter((a) => a.dead).length;
  if (dead >= DISABLE_AFTER_DEAD_LETTERS) return { disable: true, reason: `${dead} deliveries in a row failed every attempt.` };
  const first = failing[0];
  if (first && failing.length >= DISABLE_AFTER_MIN_FAILURES && now.getTime() - first.at.getTime() >= DISABLE_AFTER_FAILING_MS) {
    return { disable: true, reason: `Every delivery attempt has failed since ${first.at.toISOString()} (${failing.length} attempts).` };
  }
  return { disable: false };
}
