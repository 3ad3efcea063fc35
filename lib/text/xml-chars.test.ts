import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { removeInvalidXmlChars } from '@/lib/text/xml-chars';

/** The XML 1.0 Char production. */
const XML_CHAR = /^(?:[\t\n\r\u0020-\ud7ff\ue000-\ufffd]|[\ud800-\udbff][\udc00-\udfff])*$/;

describe('removeInvalidXmlChars', () => {
  it('drops form feeds, escape sequences and lone surrogates but keeps text, tabs and emoji', () => {
    expect(removeInvalidXmlChars('a\u000cb\u001b[0mc\ud800d\t😀\n')).toBe('ab[0mcd\t😀\n');
  });
  it('always leaves only characters XML 1.0 allows', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (text) => {
        expect(removeInvalidXmlChars(text)).toMatch(XML_CHAR);
      }),
      { numRuns: 5000 },
    );
  });
});
