/**
 * The client's IP address as the nearest proxy saw it: `X-Real-IP` when present (nginx and most
 * reverse proxies overwrite it), else the LAST entry of `X-Forwarded-For` (the one the nearest hop
 * appended; entries further left come from the client and can be forged). `next start` without a proxy
 * fills X-Forwarded-For with the socket address only when the client sent none, so deploy behind a
 * reverse proxy that sets X-Real-IP for throttling and audit IPs you can rely on. Null when unknown.
 */
export function clientIpFromHeaders(headers: Pick<Headers, 'get'>): string | null {
  const realIp = headers.get('x-real-ip')?.trim();
  if (realIp && isPlausibleIp(realIp)) return normalise(realIp);
  const forwarded = headers.get('x-forwarded-for');
  if (forwarded) {
    const last = forwarded.split(',').map((s) => s.trim()).filter(Boolean).pop();
    if (last && isPlausibleIp(last)) return normalise(last);
  }
  return null;
}

function isPlausibleIp(value: string): boolean {
  return value.length <= 64 && /^[0-9a-fA-F:.]+$/.test(value);
}

/** `::ffff:127.0.0.1` (IPv4-mapped IPv6) → `127.0.0.1`, so one client has one key. */
function normalise(ip: string): string {
  return ip.toLowerCase().replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/, '$1');
}
