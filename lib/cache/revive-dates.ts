const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

/**
 * Turns ISO strings back into Dates in fields whose name ends in `At` (publishedAt, updatedAt …),
 * after a round trip through the JSON data cache. Other fields, and non-ISO strings, are left alone;
 * values that are already Dates stay Dates.
 */
export function reviveDates<T>(value: T): T {
  return walk(value) as T;
}

function walk(value: unknown, key = ''): unknown {
  if (typeof value === 'string') return key.endsWith('At') && ISO.test(value) ? new Date(value) : value;
  if (Array.isArray(value)) return value.map((v) => walk(v));
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = walk(v, k);
    return out;
  }
  return value;
}
