import { useCallback, useEffect, useRef } from 'react';
import type { ActionResult } from '@/lib/operations/action-result';
import { canStartSave, hasUnsavedChanges, type EditorContent, type EditorEvent, type EditorState } from './editor-state';

/** Saves the content, conditional on the version it was based on; a CONFLICT failure means someone saved first. */
export type SaveArticle = (input: {
  articleId: string;
  baseVersion: number;
  content: EditorContent;
}) => Promise<ActionResult<{ version: number; savedAt: string }>>;

/** Quiet time after the last change before it is saved. */
export const AUTOSAVE_MS = 2500;
/** Longest a change waits while the writer keeps typing. */
export const AUTOSAVE_MAX_WAIT_MS = 10_000;

type Options = {
  articleId: string;
  /** False when the article may not be edited: nothing is saved. */
  enabled: boolean;
  state: EditorState;
  getState: () => EditorState;
  dispatch: (event: EditorEvent) => void;
  saveAction: SaveArticle;
};

/**
 * Autosave: a change is saved AUTOSAVE_MS after the last edit (at most AUTOSAVE_MAX_WAIT_MS after the
 * first unsaved one), one save at a time, retried the same way after a failure, and not at all once a
 * conflict is waiting for the writer. Leaving the page with unsaved changes asks first.
 * `save` saves now (the "Save now" button, before a transition) and says whether the server took it.
 */
export function useAutosave({ articleId, enabled, state, getState, dispatch, saveAction }: Options) {
  const save = useCallback(async (): Promise<boolean> => {
    const before = getState();
    if (!canStartSave(before)) return false;
    dispatch({ type: 'saveStarted' });
    try {
      const result = await saveAction({ articleId, baseVersion: before.version, content: before.content });
      if (result.ok) {
        dispatch({ type: 'saveSucceeded', version: result.version, savedAt: result.savedAt });
        return true;
      }
      dispatch(
        result.code === 'CONFLICT'
          ? { type: 'saveConflicted', message: result.message }
          : { type: 'saveFailed', message: result.message, fieldErrors: result.fieldErrors },
      );
      return false;
    } catch {
      dispatch({ type: 'saveUnreachable' });
      return false;
    }
  }, [articleId, dispatch, getState, saveAction]);

  const waitingSince = useRef<number | null>(null);
  const { dirty, saving, conflict, content } = state;
  useEffect(() => {
    if (!enabled || conflict || saving || !dirty) {
      waitingSince.current = null;
      return;
    }
    const now = Date.now();
    waitingSince.current ??= now;
    const delay = Math.max(0, Math.min(AUTOSAVE_MS, waitingSince.current + AUTOSAVE_MAX_WAIT_MS - now));
    const timer = setTimeout(() => void save(), delay);
    return () => clearTimeout(timer);
    // `content` restarts the quiet time on every edit.
  }, [enabled, conflict, saving, dirty, content, save]);

  useEffect(() => {
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      if (hasUnsavedChanges(getState())) {
        e.preventDefault();
        e.returnValue = '';
      }
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [getState]);

  return { save };
}
