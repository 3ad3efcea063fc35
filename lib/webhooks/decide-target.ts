import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';

type Address = ipaddr.IPv4 | ipaddr.IPv6;
type Range = [Address, number];

/**
 * The operator's exceptions to "public addresses only" (`WEBHOOK_ALLOWED_HOSTS`): host names trusted
 * whatever they resolve to, and address ranges (single addresses are /32 or /128).
 */
export type Allowlist = { hosts: ReadonlySet<string>; ranges: readonly Range[] };

/** No exceptions: every target must be public. */
export const EMPTY_ALLOWLIST: Allowlist = { hosts: new Set(), ranges: [] };

/** Why a webhook URL is refused, for tests and logs; `reason` is the sentence shown to the admin. */
export type TargetRefusal =
  'INVALID' | 'TOO_LONG' | 'SCHEME' | 'CREDENTIALS' | 'INVALID_HOST' | 'PRIVATE_ADDRESS' | 'PRIVATE_NAME' | 'HTTPS_REQUIRED' | 'PORT';

/**
 * A URL that may be registered: `url` is the one parse every later step must use (never re-parse the
 * text), `host` its host without brackets or trailing dot, `allowlisted` whether the allowlist let it in.
 */
export type TargetDecision =
  { ok: true; url: URL; host: string; allowlisted: boolean } | { ok: false; code: TargetRefusal; reason: string };

const MAX_URL_LENGTH = 2048;
// 2000::/3 is the only IPv6 space handed out for the public internet (IANA); the rest is special or reserved.
const GLOBAL_UNICAST_V6: Range = [ipaddr.IPv6.parse('2000::'), 3];
// Public-looking addresses that are not: Azure's host endpoint (metadata, DNS) and RFC 9637's documentation range.
const NOT_PUBLIC: readonly Range[] = [ipaddr.parseCIDR('168.63.129.16/32'), ipaddr.parseCIDR('3fff::/20')];
// RFC 6761 localhost, RFC 6762 mDNS, RFC 8375 home networks, ICANN's private-use .internal.
const PRIVATE_SUFFIXES = ['localhost', 'local', 'internal', 'home.arpa'];
const LABEL = '[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?';
const HOST_NAME = new RegExp(`^(?=.{1,253}$)${LABEL}(?:\\.${LABEL})*$`);

/** A DNS name (letters, digits, hyphens, underscores) whose last label is not a number: `10.0.0` is an IPv4 address to URL parsers. */
const isHostName = (name: string) => HOST_NAME.test(name) && !/^(\d+|0x[0-9a-f]*)$/.test(name.slice(name.lastIndexOf('.') + 1));

/** Parses an address in its canonical text only (what `net.isIP` accepts, brackets allowed); no zone ids. */
function parseAddress(text: string): Address | null {
  const bare = text.startsWith('[') && text.endsWith(']') ? text.slice(1, -1) : text;
  if (!isIP(bare) || bare.includes('%')) return null;
  const address = ipaddr.parse(bare);
  return address.kind() === 'ipv6' && (address as ipaddr.IPv6).isIPv4MappedAddress() ? (address as ipaddr.IPv6).toIPv4Address() : address;
}

const inRange = (address: Address, [base, bits]: Range) => address.kind() === base.kind() && address.match(base, bits);

/** Why an address is not public ('loopback', 'private', 'linkLocal'…), or null for a public one. */
function specialRangeOf(address: Address): string | null {
  if (NOT_PUBLIC.some((r) => inRange(address, r))) return 'reserved';
  const range = address.range();
  if (range !== 'unicast') return range;
  return address.kind() === 'ipv6' && !inRange(address, GLOBAL_UNICAST_V6) ? 'reserved' : null;
}

/**
 * Whether a webhook may connect to `ip`: true only for a public unicast address. Loopback, private,
 * link-local (169.254.169.254 and the other cloud metadata addresses), CGNAT, multicast, broadcast,
 * unspecified (0.0.0.0, ::), documentation, benchmarking and reserved ranges, unique-local (fd00::/8),
 * NAT64, 6to4, Teredo and everything outside 2000::/3 are not; an IPv4-mapped IPv6 address is judged
 * as its IPv4 address. Text that is not a canonical address (`0x7f.1`, `2130706433`) is not public.
 */
export function isPublicAddress(ip: string): boolean {
  const address = parseAddress(ip);
  return address !== null && specialRangeOf(address) === null;
}

/** Whether `ip` falls in one of the allowlist's ranges (an IPv4-mapped IPv6 address as its IPv4 address). */
export function isAllowlistedAddress(ip: string, allowlist: Allowlist): boolean {
  const address = parseAddress(ip);
  return address !== null && allowlist.ranges.some((r) => inRange(address, r));
}

/** Whether a resolved address may be connected to: public, or in the allowlist's ranges. */
export function isPermittedAddress(ip: string, allowlist: Allowlist): boolean {
  return isPublicAddress(ip) || isAllowlistedAddress(ip, allowlist);
}

/** A host name in the form compared everywhere: lower case, without one trailing dot. */
export function normalizeHostName(name: string): string {
  const lower = name.toLowerCase();
  return lower.endsWith('.') ? lower.slice(0, -1) : lower;
}

/**
 * Reads `WEBHOOK_ALLOWED_HOSTS`: host names, IP addresses and CIDR ranges separated by commas or
 * spaces (`127.0.0.1,10.0.0.0/8,hooks.internal`). Empty or unset is no exceptions. Throws an Error
 * naming the first entry that is none of these (wildcards and URLs included), so a typo stops the
 * start instead of opening or closing more than meant.
 */
export function parseAllowlist(env: string | undefined): Allowlist {
  const hosts = new Set<string>();
  const ranges: Range[] = [];
  for (const entry of (env ?? '').split(/[\s,]+/).filter(Boolean)) {
    const [base, bits, extra] = entry.split('/');
    const address = base === undefined ? null : parseAddress(base);
    if (address && bits === undefined) {
      ranges.push([address, address.kind() === 'ipv4' ? 32 : 128]);
    } else if (address && extra === undefined && /^\d{1,3}$/.test(bits ?? '') && Number(bits) <= (address.kind() === 'ipv4' ? 32 : 128)) {
      ranges.push([address, Number(bits)]);
    } else if (bits === undefined && isHostName(normalizeHostName(entry))) {
      hosts.add(normalizeHostName(entry));
    } else {
      throw new Error(`WEBHOOK_ALLOWED_HOSTS: “${entry}” is not a host name, an IP address or a CIDR range (such as 10.0.0.0/8).`);
    }
  }
  return { hosts, ranges };
}

const refuse = (code: TargetRefusal, reason: string): TargetDecision => ({ ok: false, code, reason });

/**
 * Whether `url` may be a webhook endpoint, without resolving it (the connect-time check in
 * safe-fetch.ts judges the addresses): http(s) only, parsed once by the WHATWG parser (so `2130706433`,
 * `0x7f.1` and `[::ffff:127.0.0.1]` are the addresses they stand for); no user name or password; no
 * spaces, control characters or backslashes; an IP literal must be public and a name must not be
 * local-only (`localhost`, `.local`, `.internal`, `.home.arpa`, single labels), unless allowlisted;
 * https unless the host is allowlisted; port 80, 443 or 1024 and up.
 */
export function decideWebhookUrl(url: string, { allowlist }: { allowlist: Allowlist }): TargetDecision {
  if (url.length > MAX_URL_LENGTH) return refuse('TOO_LONG', `The URL is longer than ${MAX_URL_LENGTH} characters.`);
  // The WHATWG parser silently drops tabs and newlines and reads "\" as "/": refuse rather than guess.
  if (/[\s\\\u0000-\u001f\u007f]/.test(url)) return refuse('INVALID', 'The URL contains spaces, control characters or backslashes.');
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return refuse('INVALID', 'This is not a valid URL; it should look like https://hooks.example.com/masthead.');
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return refuse('SCHEME', 'Webhook URLs start with https://.');
  if (parsed.username || parsed.password)
    return refuse('CREDENTIALS', 'The URL must not contain a user name or password; every delivery is signed instead.');
  const literal = parseAddress(parsed.hostname);
  const host = literal ? parsed.hostname.replace(/^\[|\]$/g, '') : normalizeHostName(parsed.hostname);
  let allowlisted: boolean;
  if (literal) {
    allowlisted = allowlist.ranges.some((r) => inRange(literal, r));
    const special = specialRangeOf(literal);
    if (special && !allowlisted)
      return refuse('PRIVATE_ADDRESS', `${literal.toString()} is not a public address (${special}); webhooks reach public addresses only.`);
  } else {
    if (!isHostName(host)) return refuse('INVALID_HOST', `“${parsed.hostname}” is not a valid host name.`);
    allowlisted = allowlist.hosts.has(host);
    const local = !host.includes('.') || PRIVATE_SUFFIXES.some((s) => host === s || host.endsWith(`.${s}`));
    if (local && !allowlisted) return refuse('PRIVATE_NAME', `${host} is a local name that never leads to a public address.`);
  }
  if (parsed.protocol === 'http:' && !allowlisted) return refuse('HTTPS_REQUIRED', 'Webhook URLs must use https://.');
  const port = parsed.port === '' ? null : Number(parsed.port);
  if (port !== null && port !== 80 && port !== 443 && (port < 1024 || port > 65535)) {
    return refuse('PORT', `Port ${port} is not allowed: use 443 (the default), 80, or a port from 1024 up.`);
  }
  return { ok: true, url: parsed, host, allowlisted };
}
