import { describe, expect, it } from 'vitest';
import { MARK_END, MARK_START, MAX_QUERY_LENGTH, normaliseQuery, splitHighlights } from '@/lib/search/decide-search';

describe('normaliseQuery', () => {
  it('trims, collapses spaces and takes the first value of a repeated parameter', () => {
    expect(normaliseQuery('  gene   therapy ')).toBe('gene therapy');
    expect(normaliseQuery(['a', 'b'])).toBe('a');
    expect(normaliseQuery(undefined)).toBe('');
  });
  it('drops control and marker characters and bounds the length', () => {
    expect(normaliseQuery(`x${MARK_START}y\u0000z`)).toBe('x y z');
    expect(normaliseQuery('a'.repeat(500))).toHaveLength(MAX_QUERY_LENGTH);
  });
});

describe('splitHighlights', () => {
  it('splits marked matches from plain text', () => {
    expect(splitHighlights(`the ${MARK_START}gene${MARK_END} therapy`)).toEqual([
      { text: 'the ', match: false },
      { text: 'gene', match: true },
      { text: ' therapy', match: false },
    ]);
  });
  it('treats an unclosed marker as running to the end, and plain text as one part', () => {
    expect(splitHighlights(`a ${MARK_START}b`)).toEqual([
      { text: 'a ', match: false },
      { text: 'b', match: true },
    ]);
    expect(splitHighlights('plain <b>text</b>')).toEqual([{ text: 'plain <b>text</b>', match: false }]);
  });
});
