import { describe, expect, it } from 'vitest';
import { reviveDates } from '@/lib/cache/revive-dates';

describe('reviveDates', () => {
  it('turns ISO strings in …At fields back into Dates, at any depth', () => {
    const out = reviveDates(JSON.parse(JSON.stringify({ publishedAt: new Date('2026-01-02T03:04:05.000Z'), items: [{ updatedAt: new Date(0) }] })));
    expect(out.publishedAt).toBeInstanceOf(Date);
    expect((out.publishedAt as Date).toISOString()).toBe('2026-01-02T03:04:05.000Z');
    expect(out.items[0].updatedAt).toBeInstanceOf(Date);
  });

  it('leaves other fields and nulls alone', () => {
    const out = reviveDates({ headline: '2026-01-02T03:04:05.000Z', publishedAt: null, count: 3 });
    expect(out).toEqual({ headline: '2026-01-02T03:04:05.000Z', publishedAt: null, count: 3 });
  });
});
