import { describe, expect, it } from 'vitest';
import { decideImportItem, storedChecksum } from '@/lib/import/decide-import-item';

const state = (over: Partial<Parameters<typeof decideImportItem>[0] & object> = {}) => ({
  checksum: 'abc',
  targetExists: true,
  editedSince: false,
  ...over,
});

describe('decideImportItem', () => {
  it('creates what was never imported, or whose Masthead row is gone', () => {
    expect(decideImportItem(null, 'abc')).toEqual({ action: 'create' });
    expect(decideImportItem(state({ targetExists: false }), 'abc')).toEqual({ action: 'create' });
  });
  it('skips what did not change in the source, even if edited since', () => {
    expect(decideImportItem(state(), 'abc')).toEqual({ action: 'skip', reason: 'unchanged' });
    expect(decideImportItem(state({ editedSince: true }), 'abc')).toEqual({ action: 'skip', reason: 'unchanged' });
  });
  it('updates what changed in the source, unless the newsroom edited or trashed it in Masthead', () => {
    expect(decideImportItem(state(), 'def')).toEqual({ action: 'update' });
    expect(decideImportItem(state({ editedSince: true }), 'def')).toEqual({ action: 'skip', reason: 'edited-in-masthead' });
    expect(decideImportItem(state({ trashed: true }), 'def')).toEqual({ action: 'skip', reason: 'trashed' });
  });
  it('tries again an item whose images were missing last time', () => {
    expect(decideImportItem(state({ checksum: storedChecksum('abc', false) }), 'abc')).toEqual({ action: 'update' });
    expect(decideImportItem(state({ checksum: storedChecksum('abc', true) }), 'abc')).toEqual({ action: 'skip', reason: 'unchanged' });
  });
});
