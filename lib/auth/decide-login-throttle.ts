/** Fixed windows of 15 minutes. */
export const THROTTLE_WINDOW_MS = 15 * 60 * 1000;
/** Password checks per account (email) and IP in one window. */
export const ACCOUNT_IP_LIMIT = 5;
/** Password checks per IP in one window, whichever accounts it tries (a newsroom behind one NAT still fits). */
export const IP_LIMIT = 50;
/**
 * Password checks per account from all IPs together in one window. A backstop for guessing spread over
 * many (or forged) addresses: client IPs come from proxy headers, which a client can forge when no
 * reverse proxy sets them (lib/auth/client-ip.ts).
 */
export const ACCOUNT_LIMIT = 100;

/** The start of the window that contains `now`. */
export function throttleWindowStart(now: Date): Date {
  return new Date(Math.floor(now.getTime() / THROTTLE_WINDOW_MS) * THROTTLE_WINDOW_MS);
}

/** The keys an attempt is counted under: account+IP, IP, and account. */
export function throttleKeys({ email, ip }: { email: string; ip: string | null }): { accountIp: string; ip: string; account: string } {
  const where = ip ?? 'unknown';
  const account = email.trim().toLowerCase();
  return { accountIp: `acct:${account}|ip:${where}`, ip: `ip:${where}`, account: `acct:${account}` };
}

/**
 * What a successful sign-in does to the counters its attempt bumped: only failures count, so the
 * attempt is given back on the IP and account keys, and the account+IP counter starts again from zero
 * (the failures before it were the owner's typos, not someone else's guesses).
 */
export function decideSignInRefund(keys: { accountIp: string; ip: string; account: string }): { reset: string[]; giveBack: string[] } {
  return { reset: [keys.accountIp], giveBack: [keys.ip, keys.account] };
}

/**
 * Given the counts AFTER this attempt was added, whether its password may be checked. Refused attempts
 * learn when the window ends (Retry-After).
 */
export function decideLoginThrottle({ accountIpCount, ipCount, accountCount = 0, now }: { accountIpCount: number; ipCount: number; accountCount?: number; now: Date }):
  | { allowed: true }
  | { allowed: false; retryAfterSeconds: number; firstRefusal: boolean } {
  const within = (a: number, i: number, c: number) => a <= ACCOUNT_IP_LIMIT && i <= IP_LIMIT && c <= ACCOUNT_LIMIT;
  if (within(accountIpCount, ipCount, accountCount)) return { allowed: true };
  const windowEnd = throttleWindowStart(now).getTime() + THROTTLE_WINDOW_MS;
  return {
    allowed: false,
    retryAfterSeconds: Math.max(1, Math.ceil((windowEnd - now.getTime()) / 1000)),
    // The attempt before this one (one less on every key) was allowed: worth one audit row.
    firstRefusal: within(accountIpCount - 1, ipCount - 1, accountCount - 1),
  };
}
