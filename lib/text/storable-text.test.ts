import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isStorableText } from '@/lib/text/storable-text';

describe('isStorableText', () => {
  it.each(['plain', 'emoji 👩‍👩‍👧', 'tab\tand\nnewline', '\u001b[0;31mred'])('accepts %j', (text) => expect(isStorableText(text)).toBe(true));
  it.each(['nul\u0000inside', 'lone \ud800 high', 'lone \udc00 low', 'reversed \udc00\ud800'])('refuses %j', (text) => expect(isStorableText(text)).toBe(false));

  it('accepts exactly the strings that survive a UTF-8 round trip and contain no NUL', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 30 }), (text) => {
        const roundTrips = Buffer.from(text, 'utf8').toString('utf8') === text;
        expect(isStorableText(text)).toBe(roundTrips && !text.includes('\u0000'));
      }),
      { numRuns: 5000 },
    );
  });
});
