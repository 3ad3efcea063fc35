import 'server-only';
import { headers } from 'next/headers';
import { clientIpFromHeaders } from '@/lib/auth/client-ip';

/** The client IP of the current request (see clientIpFromHeaders for which header is trusted), for audit rows. */
export async function getRequestIp(): Promise<string | null> {
  return clientIpFromHeaders(await headers());
}
