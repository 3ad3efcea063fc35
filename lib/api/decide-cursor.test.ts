import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor, pageFrom } from '@/lib/api/decide-cursor';

describe('API cursors', () => {
  it('round-trips the sort values', () => {
    const c = encodeCursor(['2026-05-01T10:00:00.000Z', 'abc']);
    expect(decodeCursor(c, ['string', 'string'])).toEqual(['2026-05-01T10:00:00.000Z', 'abc']);
    expect(decodeCursor(encodeCursor([3, 'x']), ['number', 'string'])).toEqual([3, 'x']);
  });

  it('refuses anything that is not a cursor of the expected shape', () => {
    expect(decodeCursor('not a cursor!', ['string'])).toBeNull();
    expect(decodeCursor(Buffer.from('{"a":1}').toString('base64url'), ['string'])).toBeNull();
    expect(decodeCursor(encodeCursor(['x']), ['string', 'string'])).toBeNull();
    expect(decodeCursor(encodeCursor(['x', 'y']), ['number', 'string'])).toBeNull();
    expect(decodeCursor(Buffer.from('[').toString('base64url'), ['string'])).toBeNull();
    expect(decodeCursor(encodeCursor(['x'.repeat(101)]), ['string'])).toBeNull();
  });

  it('gives a next cursor only when a further row was fetched', () => {
    const rows = [{ id: 'a' }, { id: 'b' }, { id: 'c' }];
    expect(pageFrom(rows, 2, (r) => [r.id])).toEqual({ items: rows.slice(0, 2), nextCursor: encodeCursor(['b']) });
    expect(pageFrom(rows, 3, (r) => [r.id])).toEqual({ items: rows, nextCursor: null });
    expect(pageFrom([], 3, (r: { id: string }) => [r.id])).toEqual({ items: [], nextCursor: null });
  });
});
