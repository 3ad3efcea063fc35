import { describe, expect, it } from 'vitest';
import { decideFeedStep, reconnectDelay, type FeedRecord } from './decide-feed-step';

const now = new Date('2026-12-01T12:00:00Z');
const ago = (s: number) => new Date(now.getTime() - s * 1000);
const rec = (id: number, tags: string[], secondsAgo: number): FeedRecord => ({ id: BigInt(id), tags, createdAt: ago(secondsAgo) });
const start = { watermark: 10n, handled: new Set<bigint>() };

describe('decideFeedStep', () => {
  it('purges the tags of new records once, without repeats', () => {
    const step = decideFeedStep({ position: start, records: [rec(11, ['content', 'article:a'], 1), rec(12, ['content', 'section:news'], 1)], now, settleMs: 60_000 });
    expect(step.purge).toEqual(['content', 'article:a', 'section:news']);
    const again = decideFeedStep({ position: step.position, records: [rec(11, ['content', 'article:a'], 2), rec(12, ['content', 'section:news'], 2)], now, settleMs: 60_000 });
    expect(again.purge).toEqual([]);
  });

  it('keeps the watermark below fresh records, so an earlier id that commits late is still seen', () => {
    const step = decideFeedStep({ position: start, records: [rec(12, ['article:b'], 1)], now, settleMs: 60_000 });
    expect(step.position.watermark).toBe(10n);
    const late = decideFeedStep({ position: step.position, records: [rec(11, ['article:a'], 2), rec(12, ['article:b'], 2)], now, settleMs: 60_000 });
    expect(late.purge).toEqual(['article:a']);
  });

  it('moves the watermark past settled records and forgets them', () => {
    const step = decideFeedStep({ position: { watermark: 10n, handled: new Set([11n, 12n]) }, records: [rec(11, ['x'], 120), rec(12, ['y'], 90), rec(13, ['z'], 5)], now, settleMs: 60_000 });
    expect(step.purge).toEqual(['z']);
    expect(step.position.watermark).toBe(12n);
    expect([...step.position.handled]).toEqual([13n]);
  });

  it('ignores records at or below the watermark', () => {
    expect(decideFeedStep({ position: start, records: [rec(9, ['old'], 1), rec(10, ['old'], 1)], now, settleMs: 60_000 }).purge).toEqual([]);
  });
});

describe('reconnectDelay', () => {
  it('retries soon, then doubles up to the cap', () => {
    expect([0, 1, 2, 3].map((n) => reconnectDelay(n))).toEqual([100, 200, 400, 800]);
    expect(reconnectDelay(20)).toBe(10_000);
    expect(reconnectDelay(-1)).toBe(100);
  });
});
