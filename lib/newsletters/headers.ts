/**
 * The headers that make one newsletter email a well-behaved bulk message, pure:
 * - `List-Unsubscribe` with the one-click https URL (and a mailto when given) and
 *   `List-Unsubscribe-Post: List-Unsubscribe=One-Click` (RFC 8058: mail clients POST to the URL, no page
 *   in between; Gmail and Yahoo require both of bulk senders since 2024);
 * - `List-Id` (RFC 2919) `<newsletter-slug.site-host>`, which clients use to group and filter;
 * - a `Message-ID` derived from the send and the subscriber, so a message retried after a crash keeps its
 *   id and the send log can tell a duplicate by it (ADR 0014).
 * `Precedence: bulk` is left out: RFC 2076 calls it non-standard, and Gmail's guidelines ask for
 * List-Unsubscribe instead.
 */
export function newsletterHeaders({
  siteUrl,
  newsletterSlug,
  sendId,
  subscriberId,
  unsubscribeUrl,
  unsubscribeMailto,
}: {
  siteUrl: string;
  newsletterSlug: string;
  sendId: string;
  subscriberId: string;
  unsubscribeUrl: string;
  unsubscribeMailto?: string;
}): Record<string, string> {
  const host = new URL(siteUrl).hostname;
  const plain = /^[A-Za-z0-9_-]{1,64}$/;
  if (![newsletterSlug, sendId, subscriberId].every((part) => plain.test(part)))
    throw new Error('Newsletter header parts are plain ids and slugs.');
  const unsubscribe = new URL(unsubscribeUrl);
  if (unsubscribe.protocol !== 'https:' && unsubscribe.hostname !== 'localhost' && unsubscribe.hostname !== '127.0.0.1')
    throw new Error('The one-click unsubscribe URL must be https (RFC 8058).');
  const targets = [`<${unsubscribe.href}>`, ...(unsubscribeMailto ? [`<mailto:${unsubscribeMailto}>`] : [])];
  return {
    'List-Unsubscribe': targets.join(', '),
    'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    'List-Id': `<${newsletterSlug}.${host}>`,
    'Message-ID': newsletterMessageId({ sendId, subscriberId, host }),
  };
}

/** The Message-ID of one send to one subscriber: always the same for the pair. */
export function newsletterMessageId({ sendId, subscriberId, host }: { sendId: string; subscriberId: string; host: string }): string {
  return `<send.${sendId}.${subscriberId}@${host}>`;
}
