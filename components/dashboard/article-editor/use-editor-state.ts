import { useCallback, useRef, useState } from 'react';
import { editorReducer, localCopyEffectOf, type EditorEvent, type EditorState } from './editor-state';
import type { LocalDraft } from './use-local-draft';

/**
 * Runs `editorReducer`: `state` to render, `dispatch`, and `getState` for handlers and timers that must
 * see the latest state at once (not the one of their render). The storage work each transition asks for
 * (`localCopyEffectOf`) is done inside `dispatch`, so the browser's copy is right before a reload or a
 * navigation that follows it in the same handler.
 */
export function useEditorState(init: () => EditorState, draft: LocalDraft) {
  const [state, setState] = useState(init);
  const latest = useRef(state);
  const dispatch = useCallback(
    (event: EditorEvent) => {
      const prev = latest.current;
      const next = editorReducer(prev, event);
      if (next === prev) return;
      latest.current = next;
      const effect = localCopyEffectOf(prev, next);
      if (effect?.kind === 'write') draft.write(effect.content, effect.baseVersion);
      if (effect?.kind === 'clear') draft.clear();
      setState(next);
    },
    [draft],
  );
  const getState = useCallback(() => latest.current, []);
  return { state, dispatch, getState };
}
