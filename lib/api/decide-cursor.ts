/**
 * Opaque cursors for keyset pagination: the sort values of the last item of a page, as base64url JSON.
 * A keyset cursor stays correct while items are added or removed (an offset skips or repeats them),
 * and every list orders by a unique last key (the id), so the order is total and stable.
 */
export type CursorValue = string | number;

/** The cursor after an item with these sort values. */
export function encodeCursor(values: readonly CursorValue[]): string {
  return Buffer.from(JSON.stringify(values), 'utf8').toString('base64url');
}

/**
 * The sort values in a cursor, checked against the kinds the list expects (`'string' | 'number'` per
 * position), or null for anything else (the API answers 400: a cursor is never trusted blindly).
 */
export function decodeCursor(text: string, kinds: readonly ('string' | 'number')[]): CursorValue[] | null {
  if (!/^[A-Za-z0-9_-]{1,200}$/.test(text)) return null;
  let values: unknown;
  try {
    values = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  if (!Array.isArray(values) || values.length !== kinds.length) return null;
  for (const [i, kind] of kinds.entries()) {
    const v: unknown = values[i];
    if (kind === 'number' ? typeof v !== 'number' || !Number.isFinite(v) : typeof v !== 'string' || v.length > 100) return null;
  }
  return values as CursorValue[];
}

/** A page of `limit` items from `limit + 1` fetched: the items, and the cursor after the last one when there are more. */
export function pageFrom<T>(
  rows: readonly T[],
  limit: number,
  sortValues: (row: T) => readonly CursorValue[],
): { items: T[]; nextCursor: string | null } {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > limit && last !== undefined ? encodeCursor(sortValues(last)) : null };
}
