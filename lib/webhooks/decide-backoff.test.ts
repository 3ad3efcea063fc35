import { describe, expect, it } from 'vitest';
import {
  decideEndpointHealth,
  decideNextAttempt,
  DISABLE_AFTER_DEAD_LETTERS,
  JITTER,
  MAX_ATTEMPTS,
  RETRY_DELAYS_MS,
  retryDelayMs,
  type AttemptRecord,
  type EndpointAttempt,
} from '@/lib/webhooks/decide-backoff';

const t0 = new Date('2026-03-01T12:00:00Z');
const at = (ms: number) => new Date(t0.getTime() + ms);
const MIN = 60_000;
const HOUR = 60 * MIN;
const middle = () => 0.5;

describe('retryDelayMs', () => {
  it('follows the schedule: at once, 30 s, 2 min, 10 min, 30 min, 1 h, 2 h, 4 h, 8 h', () => {
    expect(Array.from({ length: MAX_ATTEMPTS }, (_, i) => retryDelayMs(i + 1, middle))).toEqual([
      0,
      30_000,
      120_000,
      600_000,
      1_800_000,
      HOUR,
      2 * HOUR,
      4 * HOUR,
      8 * HOUR,
    ]);
  });

  it('spans hours in all, and grows with every attempt', () => {
    const total = RETRY_DELAYS_MS.reduce((a, b) => a + b, 0);
    expect(total).toBeGreaterThan(15 * HOUR);
    expect(total).toBeLessThan(16 * HOUR);
    for (let i = 1; i < RETRY_DELAYS_MS.length; i++) expect(RETRY_DELAYS_MS[i]).toBeGreaterThan(RETRY_DELAYS_MS[i - 1] ?? 0);
  });

  it('keeps the jitter within ±20 % at both ends of the random range', () => {
    for (let n = 2; n <= MAX_ATTEMPTS; n++) {
      const base = RETRY_DELAYS_MS[n - 1] ?? 0;
      expect(retryDelayMs(n, () => 0)).toBe(Math.round(base * (1 - JITTER)));
      expect(retryDelayMs(n, () => 0.999999)).toBeLessThanOrEqual(Math.round(base * (1 + JITTER)));
      expect(retryDelayMs(n, () => 0.999999)).toBeGreaterThan(base);
    }
    expect(retryDelayMs(1, () => 0.9)).toBe(0);
  });

  it('clamps attempt numbers outside the schedule', () => {
    expect(retryDelayMs(0, middle)).toBe(0);
    expect(retryDelayMs(50, middle)).toBe(8 * HOUR);
  });
});

describe('decideNextAttempt', () => {
  const failed = (ms: number): AttemptRecord => ({ at: at(ms), ok: false });

  it('makes the first attempt now', () => {
    expect(decideNextAttempt({ attempts: [], now: t0 })).toEqual({ kind: 'attempt', number: 1, at: t0 });
  });

  it('stops once an attempt succeeded', () => {
    expect(decideNextAttempt({ attempts: [failed(0), { at: at(30_000), ok: true }], now: at(HOUR) })).toEqual({ kind: 'delivered' });
  });

  it('schedules the next attempt the jittered delay after the last failure, whatever order the log gives', () => {
    expect(decideNextAttempt({ attempts: [failed(0)], now: at(1), random: middle })).toEqual({
      kind: 'attempt',
      number: 2,
      at: at(30_000),
    });
    expect(decideNextAttempt({ attempts: [failed(30_000), failed(0)], now: at(30_001), random: middle })).toEqual({
      kind: 'attempt',
      number: 3,
      at: at(30_000 + 120_000),
    });
    const early = decideNextAttempt({ attempts: [failed(0)], now: at(1), random: () => 0 });
    expect(early).toEqual({ kind: 'attempt', number: 2, at: at(24_000) });
  });

  it('walks the whole schedule, then dead-letters after the last attempt', () => {
    const attempts: AttemptRecord[] = [];
    let now = t0;
    for (let n = 1; n <= MAX_ATTEMPTS; n++) {
      const step = decideNextAttempt({ attempts, now, random: middle });
      expect(step).toMatchObject({ kind: 'attempt', number: n });
      if (step.kind !== 'attempt') return;
      now = step.at;
      attempts.push({ at: now, ok: false });
    }
    expect(now.getTime() - t0.getTime()).toBe(RETRY_DELAYS_MS.reduce((a, b) => a + b, 0));
    expect(decideNextAttempt({ attempts, now, random: middle })).toEqual({
      kind: 'dead',
      reason: `Gave up after ${MAX_ATTEMPTS} attempts.`,
    });
  });

  it('dead-letters at once when the target was refused: only an admin can fix it', () => {
    const step = decideNextAttempt({ attempts: [{ at: t0, ok: false, refused: true }], now: t0 });
    expect(step).toMatchObject({ kind: 'dead' });
  });
});

describe('decideEndpointHealth', () => {
  const dead = (ms: number): EndpointAttempt => ({ at: at(ms), ok: false, dead: true });
  const fail = (ms: number): EndpointAttempt => ({ at: at(ms), ok: false });
  const ok = (ms: number): EndpointAttempt => ({ at: at(ms), ok: true });

  it('keeps a healthy or new endpoint', () => {
    expect(decideEndpointHealth({ attempts: [], now: t0 })).toEqual({ disable: false });
    expect(decideEndpointHealth({ attempts: [ok(0), fail(MIN), ok(2 * MIN)], now: at(48 * HOUR) })).toEqual({ disable: false });
  });

  it(`disables after ${DISABLE_AFTER_DEAD_LETTERS} dead letters in a row`, () => {
    const four = [dead(1), dead(2), dead(3), dead(4)];
    expect(decideEndpointHealth({ attempts: four, now: at(5) })).toEqual({ disable: false });
    expect(decideEndpointHealth({ attempts: [...four, dead(5)], now: at(6) })).toMatchObject({
      disable: true,
      reason: '5 deliveries in a row failed every attempt.',
    });
  });

  it('counts only the failures since the last success', () => {
    const attempts = [dead(1), dead(2), dead(3), ok(4), dead(5), dead(6), dead(7), dead(8)];
    expect(decideEndpointHealth({ attempts, now: at(9) })).toEqual({ disable: false });
    // The same history in another order: the success still comes between.
    expect(decideEndpointHealth({ attempts: [...attempts].reverse(), now: at(9) })).toEqual({ disable: false });
  });

  it('disables when every attempt has failed for 24 hours, not 23', () => {
    const attempts = [ok(0), fail(HOUR), fail(10 * HOUR), fail(20 * HOUR)];
    expect(decideEndpointHealth({ attempts, now: at(24 * HOUR) })).toEqual({ disable: false });
    expect(decideEndpointHealth({ attempts, now: at(25 * HOUR) })).toMatchObject({
      disable: true,
      reason: expect.stringMatching(/since 2026-03-01T13:00:00.000Z \(3 attempts\)/),
    });
  });

  it('does not disable on too few failures, however old', () => {
    expect(decideEndpointHealth({ attempts: [fail(0), fail(HOUR)], now: at(72 * HOUR) })).toEqual({ disable: false });
  });
});
