import { useMemo } from 'react';
import type { EditorContent, LocalCopy } from './editor-state';

/** Every copy of one article is stored under `masthead:draft:<articleId>:<baseVersion>`. */
const prefixOf = (articleId: string) => `masthead:draft:${articleId}:`;

/** The browser's copy of an article's unsaved text. Storage that is full, disabled or damaged is never an error. */
export type LocalDraft = {
  /** The newest readable copy of this article, or null. */
  read(): LocalCopy | null;
  /** Replaces every copy of this article with `content`, based on `baseVersion`. */
  write(content: EditorContent, baseVersion: number): void;
  /** Removes every copy of this article (and no other article's). */
  clear(): void;
};

function isLocalCopy(value: unknown): value is LocalCopy {
  if (typeof value !== 'object' || value === null) return false;
  const copy = value as Partial<LocalCopy>;
  return typeof copy.at === 'number' && typeof copy.baseVersion === 'number' && typeof copy.content === 'object' && copy.content !== null;
}

/** The local copy of `articleId` in `storage` (a function, as `localStorage` itself may throw when disabled). */
export function localDraftIn(storage: () => Storage, articleId: string, now: () => number = Date.now): LocalDraft {
  const prefix = prefixOf(articleId);
  // The one loop over storage: keys are collected first, as removing while iterating shifts the indexes.
  const keys = (s: Storage) =>
    Array.from({ length: s.length }, (_, i) => s.key(i)).filter((key): key is string => !!key?.startsWith(prefix));
  return {
    read() {
      try {
        const s = storage();
        let newest: LocalCopy | null = null;
        for (const key of keys(s)) {
          try {
            const copy: unknown = JSON.parse(s.getItem(key) ?? 'null');
            if (isLocalCopy(copy) && (!newest || copy.at > newest.at)) newest = copy;
          } catch {
            // a damaged copy is ignored
          }
        }
        return newest;
      } catch {
        return null;
      }
    },
    write(content, baseVersion) {
      try {
        const s = storage();
        for (const key of keys(s)) s.removeItem(key);
        s.setItem(`${prefix}${baseVersion}`, JSON.stringify({ content, baseVersion, at: now() } satisfies LocalCopy));
      } catch {
        // storage full or disabled: the server copy is still there
      }
    },
    clear() {
      try {
        const s = storage();
        for (const key of keys(s)) s.removeItem(key);
      } catch {
        // storage disabled: nothing to clear
      }
    },
  };
}

/** This browser's local copy of the article (`localStorage`), the same object for as long as the article is open. */
export function useLocalDraft(articleId: string): LocalDraft {
  return useMemo(() => localDraftIn(() => localStorage, articleId), [articleId]);
}
