import { describe, expect, it } from 'vitest';
import { diffWords } from './decide-diff';

describe('diffWords', () => {
  it('marks removed and added words', () => {
    expect(diffWords('The quick fox', 'The slow fox')).toEqual([
      { kind: 'same', text: 'The ' },
      { kind: 'removed', text: 'quick' },
      { kind: 'added', text: 'slow' },
      { kind: 'same', text: ' fox' },
    ]);
  });
  it('is empty-safe', () => {
    expect(diffWords('', '')).toEqual([]);
  });
});
