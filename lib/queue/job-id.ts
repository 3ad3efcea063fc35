import { createHash } from 'node:crypto';

/**
 * A job id (a UUID, as pg-boss's job table wants) derived from its parts: the same parts always give
 * the same id, so sending a job twice inserts it once (ADR 0014). Pure.
 */
export function derivedJobId(...parts: (string | number | bigint)[]): string {
  const hex = createHash('sha256').update(parts.map(String).join('\u0000')).digest('hex');
  // The layout of a version 8 (custom) UUID with the RFC 9562 variant.
  const variant = ((parseInt(hex[16] ?? '0', 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
