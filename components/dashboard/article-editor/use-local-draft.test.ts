import { describe, expect, it } from 'vitest';
import type { EditorContent } from './editor-state';
import { localDraftIn } from './use-local-draft';

/** A Map-backed Storage, as localStorage behaves. */
function memoryStorage(entries: Record<string, string> = {}): Storage {
  const map = new Map(Object.entries(entries));
  return {
    get length() {
      return map.size;
    },
    key: (i) => [...map.keys()][i] ?? null,
    getItem: (k) => map.get(k) ?? null,
    setItem: (k, v) => void map.set(k, String(v)),
    removeItem: (k) => void map.delete(k),
    clear: () => map.clear(),
  };
}

const text = (headline: string) => ({ headline }) as unknown as EditorContent;

describe('localDraftIn', () => {
  it('writes one copy per article, keyed by article and base version, replacing older ones', () => {
    const storage = memoryStorage({ 'masthead:draft:other:1': '{}', unrelated: 'x' });
    const draft = localDraftIn(
      () => storage,
      'a1',
      () => 1000,
    );
    draft.write(text('One'), 3);
    draft.write(text('Two'), 4);
    expect(storage.getItem('masthead:draft:a1:3')).toBeNull();
    expect(JSON.parse(storage.getItem('masthead:draft:a1:4')!)).toEqual({ content: { headline: 'Two' }, baseVersion: 4, at: 1000 });
    expect(storage.getItem('masthead:draft:other:1')).toBe('{}');
    expect(storage.getItem('unrelated')).toBe('x');
  });

  it('reads the newest readable copy of the article, skipping damaged ones and other articles', () => {
    const storage = memoryStorage({
      'masthead:draft:a1:2': JSON.stringify({ content: { headline: 'Old' }, baseVersion: 2, at: 10 }),
      'masthead:draft:a1:3': JSON.stringify({ content: { headline: 'New' }, baseVersion: 3, at: 20 }),
      'masthead:draft:a1:4': '{not json',
      'masthead:draft:a1:5': JSON.stringify({ content: 'not an object', baseVersion: 5, at: 30 }),
      'masthead:draft:a10:1': JSON.stringify({ content: { headline: 'Another article' }, baseVersion: 1, at: 99 }),
    });
    expect(localDraftIn(() => storage, 'a1').read()).toEqual({ content: { headline: 'New' }, baseVersion: 3, at: 20 });
    expect(localDraftIn(() => storage, 'none').read()).toBeNull();
  });

  it('clears every copy of the article and nothing else', () => {
    const storage = memoryStorage({ 'masthead:draft:a1:2': '{}', 'masthead:draft:a1:3': '{}', 'masthead:draft:a2:1': '{}' });
    localDraftIn(() => storage, 'a1').clear();
    expect(storage.length).toBe(1);
    expect(storage.key(0)).toBe('masthead:draft:a2:1');
  });

  it('never throws when storage is disabled or full', () => {
    const disabled = localDraftIn(() => {
      throw new Error('SecurityError');
    }, 'a1');
    expect(disabled.read()).toBeNull();
    expect(() => disabled.write(text('x'), 1)).not.toThrow();
    expect(() => disabled.clear()).not.toThrow();
    const full = memoryStorage();
    full.setItem = () => {
      throw new Error('QuotaExceededError');
    };
    expect(() => localDraftIn(() => full, 'a1').write(text('x'), 1)).not.toThrow();
  });
});
