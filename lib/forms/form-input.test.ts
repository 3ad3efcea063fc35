import { describe, expect, it } from 'vitest';
import { idSchema } from './form-input';

describe('idSchema', () => {
  it('takes the ids rows have', () => {
    for (const id of ['cmfx1k2z00000abcd1234efgh', 'demo-section_1', 'a']) expect(idSchema.parse(id)).toBe(id);
  });
  it('refuses what names no row, with a message, before it reaches a query', () => {
    for (const id of ['', 'a\u0000b', '\u0000', 'x'.repeat(41), '../x', 'a b', '\ud800']) {
      const parsed = idSchema.safeParse(id);
      expect(parsed.success, JSON.stringify(id)).toBe(false);
      expect(parsed.error?.issues[0]?.message).toBe('Reload the page and try again.');
    }
  });
});
