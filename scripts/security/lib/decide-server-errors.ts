/**
 * Pure: which HTTP 5xx answers of the malformed-request sweep are allowed. A malformed request is the
 * client's fault and must get a 4xx. What Next itself would answer 500 before our pages, handlers and
 * actions run (undecodable paths, foreign-Origin action calls, action bodies React cannot decode) is
 * answered 4xx by scripts/serve.mjs and proxy.ts, so no entry for Next is needed today. An entry may
 * only name a 500 that no code of ours may catch, and says why.
 */

/** One sweep answer, as the breakdown and the allowlist see it. */
export type SweepAnswer = { endpoint: string; kind: string; status: number };

/** A 5xx the sweep accepts: `endpoint` and `kind` as the sweep names them, and why no code of ours can catch it. */
export type AllowedServerError = { endpoint: RegExp; kind: RegExp; why: string };

/** Empty: every 5xx of the sweep is a bug of ours. Add an entry only with a reason no code of ours can catch it. */
export const ALLOWED_SERVER_ERRORS: AllowedServerError[] = [];

/** The entry that allows this answer, or undefined (also for any status below 500). */
export function allowedServerError(answer: SweepAnswer, allowed: AllowedServerError[] = ALLOWED_SERVER_ERRORS): AllowedServerError | undefined {
  if (answer.status < 500) return undefined;
  return allowed.find((entry) => entry.endpoint.test(answer.endpoint) && entry.kind.test(answer.kind));
}

/** The 5xx answers that no allowlist entry covers: each one fails the sweep. */
export function unexpectedServerErrors<T extends SweepAnswer>(answers: T[], allowed: AllowedServerError[] = ALLOWED_SERVER_ERRORS): T[] {
  return answers.filter((answer) => answer.status >= 500 && !allowedServerError(answer, allowed));
}

/**
 * The 5xx answers counted by status and kind of request, most frequent first, each with the endpoints
 * that gave it: `[12, '500 odd "%ZZ" (not allowed) at 6 endpoints: /[section], /tags/[slug], …']`.
 */
export function serverErrorBreakdown(answers: SweepAnswer[], allowed: AllowedServerError[] = ALLOWED_SERVER_ERRORS): [number, string][] {
  const groups = new Map<string, { count: number; endpoints: Set<string> }>();
  for (const answer of answers) {
    if (answer.status < 500) continue;
    const key = `${answer.status} ${answer.kind} (${allowedServerError(answer, allowed) ? 'allowed' : 'not allowed'})`;
    const group = groups.get(key) ?? { count: 0, endpoints: new Set<string>() };
    group.count += 1;
    group.endpoints.add(answer.endpoint);
    groups.set(key, group);
  }
  return [...groups]
    .map(([key, { count, endpoints }]): [number, string] => {
      const names = [...endpoints].sort();
      return [count, `${key} at ${names.length} endpoint${names.length === 1 ? '' : 's'}: ${names.slice(0, 6).join(', ')}${names.length > 6 ? ', …' : ''}`];
    })
    .sort((a, b) => b[0] - a[0] || (a[1] < b[1] ? -1 : 1));
}
