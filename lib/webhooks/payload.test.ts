import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ARTICLE_ACTIONS } from '@/lib/articles/decide-transition';
import { contentScope } from '@/lib/operations/content-scope';
import {
  isWebhookEvent,
  WEBHOOK_EVENT_RULES,
  WEBHOOK_EVENTS,
  webhookEventOf,
  webhookMessageId,
  webhookPayload,
  type WebhookEvent,
} from '@/lib/webhooks/payload';

const seen = contentScope({ articleIds: ['a1'], lists: true });

describe('webhookEventOf', () => {
  it.each<[string, WebhookEvent]>([
    ['article.publish', 'article.published'],
    ['article.publish-scheduled', 'article.published'],
    ['article.restore', 'article.published'],
    ['article.save', 'article.updated'],
    ['article.correct', 'article.updated'],
    ['article.correction-withdrawn', 'article.updated'],
    ['article.restore-revision', 'article.updated'],
    ['article.unpublish', 'article.unpublished'],
    ['article.archive', 'article.unpublished'],
    ['article.trash', 'article.trashed'],
    ['section.created', 'section.created'],
    ['section.updated', 'section.updated'],
    ['section.moved', 'section.updated'],
    ['section.deleted', 'section.deleted'],
    ['author.created', 'author.created'],
    ['author.updated', 'author.updated'],
    ['campaign.created', 'campaign.created'],
    ['campaign.updated', 'campaign.updated'],
    ['newsletter.sent', 'newsletter.sent'],
  ])('reports %s that readers see as %s', (kind, event) => expect(webhookEventOf({ kind, content: seen })).toBe(event));

  it.each(['article.save', 'article.trash', 'article.archive', 'article.publish', 'article.restore', 'article.correct'])(
    'reports nothing for %s when readers see no difference (a draft)',
    (kind) => expect(webhookEventOf({ kind, content: null })).toBeNull(),
  );

  it.each(['section.updated', 'author.created', 'campaign.updated'])('reports %s whatever its scope', (kind) => {
    expect(webhookEventOf({ kind, content: null })).not.toBeNull();
  });

  it.each([
    'article.create',
    'article.copy',
    'article.share-preview',
    'article.submit',
    'article.withdraw',
    'article.return',
    'article.schedule',
    'article.unschedule',
    'article.unarchive',
    'page.updated',
    'media.uploaded',
    'user.role_changed',
    'integration.rotated',
    'something.new',
    'toString',
    '__proto__',
    'constructor',
  ])('reports nothing for %s', (kind) => expect(webhookEventOf({ kind, content: seen })).toBeNull());

  it('maps only to events an endpoint can subscribe to', () => {
    for (const rule of Object.values(WEBHOOK_EVENT_RULES)) if (rule) expect(isWebhookEvent(rule.event)).toBe(true);
    expect(new Set(WEBHOOK_EVENTS).size).toBe(WEBHOOK_EVENTS.length);
    expect(isWebhookEvent('article.published')).toBe(true);
    expect(isWebhookEvent('article.publish')).toBe(false);
  });
});

describe('every change kind the operations record has a decision', () => {
  // Read the operations' source: each recordChange action string, plus the workflow's `article.${action}`.
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory() && entry.name !== 'generated') walk(full);
      else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) files.push(full);
    }
  };
  walk(path.join(import.meta.dirname, '..'));
  const kinds = new Set(ARTICLE_ACTIONS.map((a) => `article.${a}`));
  for (const file of files) {
    const source = readFileSync(file, 'utf8');
    if (!source.includes('recordChange(tx')) continue;
    for (const line of source.matchAll(/action: ([^\n]*)/g))
      for (const literal of (line[1] ?? '').matchAll(/'([a-z]+\.[a-z_-]+)'/g)) kinds.add(literal[1] ?? '');
  }

  it('finds the operations (the scan itself works)', () => {
    expect(kinds).toContain('article.save');
    expect(kinds).toContain('user.disabled');
    expect(kinds).toContain('user.enabled');
    expect(kinds).toContain('article.publish');
    expect(kinds.size).toBeGreaterThan(35);
  });

  it.each([...kinds].sort())('%s', (kind) => expect(Object.hasOwn(WEBHOOK_EVENT_RULES, kind)).toBe(true));
});

describe('webhookMessageId', () => {
  it('is stable per change and endpoint, and differs between endpoints', () => {
    expect(webhookMessageId({ changeId: 42n, endpointId: 'cm1abc' })).toBe('msg_42_cm1abc');
    expect(webhookMessageId({ changeId: '42', endpointId: 'cm1abc' })).toBe(webhookMessageId({ changeId: 42n, endpointId: 'cm1abc' }));
    expect(webhookMessageId({ changeId: 42n, endpointId: 'cm2def' })).not.toBe('msg_42_cm1abc');
  });

  it.each([
    [{ changeId: '4.2', endpointId: 'e' }],
    [{ changeId: '42', endpointId: 'a.b' }],
    [{ changeId: '42', endpointId: '' }],
    [{ changeId: -1, endpointId: 'e' }],
  ])('refuses %j', (args) => expect(() => webhookMessageId(args)).toThrow());
});

describe('webhookPayload', () => {
  it('has the Standard Webhooks shape: type, ISO timestamp, data', () => {
    const payload = webhookPayload({
      event: 'article.published',
      occurredAt: new Date('2026-03-01T12:00:00Z'),
      id: 'a1',
      object: { id: 'a1', headline: 'H' },
    });
    expect(payload).toEqual({
      type: 'article.published',
      timestamp: '2026-03-01T12:00:00.000Z',
      data: { id: 'a1', object: { id: 'a1', headline: 'H' }, changes: null },
    });
    expect(JSON.parse(JSON.stringify(payload))).toEqual(payload);
  });
});
