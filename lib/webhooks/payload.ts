import type { ArticleAction } from '@/lib/articles/decide-transition';
import type { Change } from '@/lib/operations/operation';

/** The events an endpoint can subscribe to, as receivers see them in `type`. */
export const WEBHOOK_EVENTS = [
  'article.published',
  'article.updated',
  'article.unpublished',
  'article.trashed',
  'section.created',
  'section.updated',
  'section.deleted',
  'author.created',
  'author.updated',
  'campaign.created',
  'campaign.updated',
  'newsletter.sent',
] as const;

/** One of `WEBHOOK_EVENTS`. */
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

/** Whether `name` is an event an endpoint can subscribe to (for parsing an endpoint's event list). */
export function isWebhookEvent(name: string): name is WebhookEvent {
  return (WEBHOOK_EVENTS as readonly string[]).includes(name);
}

/** Which event a change kind is reported as; `ifVisible`: only when readers see the change (its record has a content scope). */
export type EventRule = { event: WebhookEvent; ifVisible: boolean } | null;

const visible = (event: WebhookEvent): EventRule => ({ event, ifVisible: true });
const always = (event: WebhookEvent): EventRule => ({ event, ifVisible: false });

// Typed by the workflow's own action list: a new action does not compile until it is decided here.
// Articles are reported as receivers mirror the public site: an article that readers never saw, or that
// stays out of their sight, is nobody's news (a draft trashed, archived or saved).
const TRANSITIONS: Record<`article.${ArticleAction}`, EventRule> = {
  'article.submit': null,
  'article.withdraw': null,
  'article.return': null,
  'article.publish': visible('article.published'),
  'article.schedule': null,
  'article.unschedule': null,
  'article.unpublish': visible('article.unpublished'),
  // Archiving a published article takes it off the site; restoring one from the trash puts it back.
  'article.archive': visible('article.unpublished'),
  'article.unarchive': null,
  'article.trash': visible('article.trashed'),
  'article.restore': visible('article.published'),
};

/**
 * Every change kind the operations record (their `recordChange` action) and the event it is reported
 * as, or null for changes no webhook reports (media, standing pages, users, integrations, previews).
 * A kind missing here is reported as nothing; `payload.test.ts` fails when an operation records one.
 */
export const WEBHOOK_EVENT_RULES: Readonly<Record<string, EventRule>> = {
  ...TRANSITIONS,
  'article.publish-scheduled': visible('article.published'),
  'article.save': visible('article.updated'),
  'article.correct': visible('article.updated'),
  'article.correction-withdrawn': visible('article.updated'),
  'article.restore-revision': visible('article.updated'),
  'article.create': null,
  'article.copy': null,
  'article.share-preview': null,
  'section.created': always('section.created'),
  'section.updated': always('section.updated'),
  'section.moved': always('section.updated'),
  'section.deleted': always('section.deleted'),
  'author.created': always('author.created'),
  'author.updated': always('author.updated'),
  'campaign.created': always('campaign.created'),
  'campaign.updated': always('campaign.updated'),
  // Recorded when a newsletter send has gone to every recipient (lib/newsletters/sends.ts).
  'newsletter.sent': always('newsletter.sent'),
  'newsletter.created': null,
  'newsletter.updated': null,
  'newsletter.deleted': null,
  'newsletter.test-sent': null,
  'newsletter.send-queued': null,
  'webhook.created': null,
  'webhook.updated': null,
  'webhook.deleted': null,
  'webhook.replayed': null,
  'webhook.disabled': null,
  'page.created': null,
  'page.updated': null,
  'page.deleted': null,
  'media.uploaded': null,
  'media.updated': null,
  'media.deleted': null,
  'user.created': null,
  'user.role_changed': null,
  'user.disabled': null,
  'user.enabled': null,
  'user.password_reset': null,
  'integration.created': null,
  'integration.rotated': null,
  'integration.revoked': null,
  // An import is one change per batch of up to a thousand items, not per article: receivers resync
  // through the Content API after it (docs/import.md) rather than get a thousand events at once.
  'import.posts': null,
  'import.taxonomy': null,
  'import.images': null,
  'import.user_created': null,
};

/**
 * The webhook event a committed change is reported as, or null when no webhook reports it: pure, from
 * the change record alone (its kind, and whether it has a content scope, i.e. readers see a difference).
 */
export function webhookEventOf(change: Pick<Change, 'kind' | 'content'>): WebhookEvent | null {
  const rule = Object.hasOwn(WEBHOOK_EVENT_RULES, change.kind) ? WEBHOOK_EVENT_RULES[change.kind] : null;
  if (!rule) return null;
  return rule.ifVisible && change.content === null ? null : rule.event;
}

/**
 * The `webhook-id` of the message telling one endpoint of one change: the same on every retry and
 * replay, so a receiver can drop duplicates, and different for each endpoint.
 */
export function webhookMessageId({ changeId, endpointId }: { changeId: bigint | number | string; endpointId: string }): string {
  if (!/^\d+$/.test(String(changeId)) || !/^[A-Za-z0-9_-]{1,64}$/.test(endpointId))
    throw new Error('A webhook message id is made of a change id and an endpoint id.');
  return `msg_${changeId}_${endpointId}`;
}

/** A delivery's body in the Standard Webhooks shape: the event, when the change happened, and its data. */
export type WebhookPayload<T = unknown> = {
  type: WebhookEvent;
  timestamp: string;
  /** `object`: the thing as the Content API shows it (for a removal, what receivers need to find their copy); `changes`: what changed, or null. */
  data: { id: string | null; object: T; changes: Record<string, unknown> | null };
};

/** Builds the body of a delivery; serialise it once and sign and send those exact bytes. */
export function webhookPayload<T>({
  event,
  occurredAt,
  id,
  object,
  changes = null,
}: {
  event: WebhookEvent;
  occurredAt: Date;
  id: string | null;
  object: T;
  changes?: Record<string, unknown> | null;
}): WebhookPayload<T> {
  return { type: event, timestamp: occurredAt.toISOString(), data: { id, object, changes } };
}
