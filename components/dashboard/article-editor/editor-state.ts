import { decidePublishChecklist, type ChecklistFailures } from '@/lib/articles/decide-checklist';
import { ARTICLE_ACTIONS, decideTransition, type ArticleAction, type TransitionSubject } from '@/lib/articles/decide-transition';
import type { ArticleStatus } from '@/lib/articles/status-labels';
import type { Role } from '@/lib/auth/actor';
import { followedSlug, slugFollowsHeadline } from '@/lib/articles/decide-slug-follow';
import { ACTION_LABEL } from './action-labels';

/*
 * The article editor's state machine: what the form holds, where its save stands, what the browser's
 * copy of unsaved text should be, and how a conflict stops everything until the writer chooses. Pure:
 * no React, no timers, no storage, so every path is tested in editor-state.test.ts. The hooks beside it
 * (use-editor-state, use-autosave, use-local-draft) run the effects it asks for.
 */

/** The editable content, as the save action takes it. */
export type EditorContent = {
  headline: string;
  slug: string;
  standfirst: string;
  body: unknown;
  sectionId: string;
  campaignId: string | null;
  authorIds: string[];
  tagNames: string[];
  heroImageId: string | null;
  heroAlt: string;
  heroCaption: string;
  heroCredit: string;
  sponsored: boolean;
  seoTitle: string | null;
  seoDescription: string | null;
  canonicalUrl: string | null;
};

export type FieldErrors = Record<string, string[]>;

/** What the save indicator says. */
export type SaveState = 'saved' | 'unsaved' | 'saving' | 'failed' | 'conflict';

/** Unsaved text kept in this browser, keyed by the version it was based on. */
export type LocalCopy = { content: EditorContent; baseVersion: number; at: number };

/**
 * What the browser's copy of the text should be: `leave` it as found (on load, so it can be offered),
 * `mirror` the content while it holds unsaved changes, or `clear` it once the server has everything.
 */
export type LocalCopyIntent = 'leave' | 'mirror' | 'clear';

export type EditorState = {
  content: EditorContent;
  /** The version the next save is based on. */
  version: number;
  status: ArticleStatus;
  trashed: boolean;
  saveState: SaveState;
  /** When the server last stored this article (ISO). */
  savedAt: string;
  /** The content has changes the server has not accepted (not yet sent, or sent and refused). */
  dirty: boolean;
  /** A save is in flight; there is never more than one. */
  saving: boolean;
  /** The last answer worth announcing (a refusal, a finished transition). */
  message: string | null;
  fieldErrors: FieldErrors;
  /** Someone else saved first: autosave stops until the writer keeps a copy or reloads. */
  conflict: { message: string } | null;
  /** A newer local copy found on load, offered to restore or discard. */
  localOffer: LocalCopy | null;
  localCopy: LocalCopyIntent;
  /** Changes when the body is replaced from outside (a restored copy), so the rich-text editor remounts. */
  bodyKey: number;
  /** The slug was typed by hand (or did not follow the headline on load), so headline edits leave it alone. */
  slugTouched: boolean;
};

export type EditorEvent =
  /** The writer changed fields. A new headline also renames an untouched slug. */
  | { type: 'edited'; patch: Partial<EditorContent> }
  | { type: 'saveStarted' }
  | { type: 'saveSucceeded'; version: number; savedAt: string }
  /** The server refused the save (invalid fields, forbidden…). */
  | { type: 'saveFailed'; message: string; fieldErrors?: FieldErrors }
  /** The save never got an answer (offline, server down). */
  | { type: 'saveUnreachable' }
  | { type: 'saveConflicted'; message: string }
  | { type: 'localCopyFound'; copy: LocalCopy }
  | { type: 'localCopyRestored' }
  | { type: 'localCopyDiscarded' }
  /** "Schedule" without a date and time. */
  | { type: 'scheduleTimeMissing' }
  | { type: 'transitionSucceeded'; action: ArticleAction; status: ArticleStatus }
  | { type: 'transitionFailed'; message: string; fieldErrors?: FieldErrors }
  /** After a conflict, the writer's text was stored as a new draft (the editor moves to it). */
  | { type: 'keptAsCopy' }
  | { type: 'copyFailed'; message: string }
  /** After a conflict, the writer chose the other version (the page reloads). */
  | { type: 'theirVersionChosen' }
  /** The server moved the article from `from` to `to` without changing its content (a correction was added). */
  | { type: 'versionAdvanced'; from: number; to: number };

export const UNREACHABLE_MESSAGE = 'Saving failed: the server could not be reached. Your text is kept in this browser; we will retry.';
export const SCHEDULE_TIME_MISSING = 'Choose a date and time.';

/** The state of a freshly loaded article: saved, nothing offered yet, the browser's copy left alone. */
export function initialEditorState(loaded: {
  content: EditorContent;
  version: number;
  status: ArticleStatus;
  trashed: boolean;
  savedAt: string;
}): EditorState {
  return {
    ...loaded,
    saveState: 'saved',
    dirty: false,
    saving: false,
    message: null,
    fieldErrors: {},
    conflict: null,
    localOffer: null,
    localCopy: 'leave',
    bodyKey: 0,
    slugTouched: !slugFollowsHeadline(loaded.content.slug, loaded.content.headline),
  };
}

/** Moves the editor from `state` on `event`; an event that does not apply returns `state` itself. */
export function editorReducer(state: EditorState, event: EditorEvent): EditorState {
  switch (event.type) {
    case 'edited': {
      const slugTouched = state.slugTouched || event.patch.slug !== undefined;
      const followSlug =
        !slugTouched && event.patch.headline !== undefined ? { slug: followedSlug(state.content.slug, state.content.headline, event.patch.headline) } : {};
      return {
        ...state,
        content: { ...state.content, ...event.patch, ...followSlug },
        slugTouched,
        dirty: true,
        saveState: state.saveState === 'conflict' ? 'conflict' : 'unsaved',
        localCopy: 'mirror',
      };
    }
    case 'saveStarted':
      if (!canStartSave(state)) return state;
      return { ...state, saving: true, dirty: false, saveState: 'saving' };
    case 'saveSucceeded':
      if (!state.saving) return state;
      return {
        ...state,
        saving: false,
        version: event.version,
        savedAt: event.savedAt,
        fieldErrors: {},
        message: null,
        // Edits made while the save was in flight are still unsaved, and stay in the browser.
        saveState: state.dirty ? 'unsaved' : 'saved',
        localCopy: state.dirty ? 'mirror' : 'clear',
      };
    case 'saveFailed':
      if (!state.saving) return state;
      return { ...state, saving: false, dirty: true, saveState: 'failed', message: event.message, fieldErrors: event.fieldErrors ?? {} };
    case 'saveUnreachable':
      if (!state.saving) return state;
      return { ...state, saving: false, dirty: true, saveState: 'failed', message: UNREACHABLE_MESSAGE };
    case 'saveConflicted':
      if (!state.saving) return state;
      return { ...state, saving: false, dirty: true, saveState: 'conflict', conflict: { message: event.message } };
    case 'localCopyFound': {
      // Only a copy written after the last save, and different from what the server has, is worth offering.
      const newer = event.copy.at > Date.parse(state.savedAt);
      const different = JSON.stringify(event.copy.content) !== JSON.stringify(state.content);
      return newer && different ? { ...state, localOffer: event.copy } : state;
    }
    case 'localCopyRestored':
      if (!state.localOffer) return state;
      return {
        ...state,
        content: state.localOffer.content,
        localOffer: null,
        dirty: true,
        saveState: state.saveState === 'conflict' ? 'conflict' : 'unsaved',
        bodyKey: state.bodyKey + 1,
        localCopy: 'mirror',
      };
    case 'localCopyDiscarded':
      if (!state.localOffer) return state;
      return { ...state, localOffer: null, localCopy: 'clear' };
    case 'scheduleTimeMissing':
      return { ...state, fieldErrors: { scheduledAt: [SCHEDULE_TIME_MISSING] } };
    case 'transitionSucceeded':
      return {
        ...state,
        status: event.status,
        trashed: event.action === 'trash' ? true : event.action === 'restore' ? false : state.trashed,
        message: `Done: ${ACTION_LABEL[event.action].toLowerCase()}.`,
        fieldErrors: {},
      };
    case 'transitionFailed':
      return { ...state, message: event.message, fieldErrors: event.fieldErrors ?? {} };
    case 'keptAsCopy':
    case 'theirVersionChosen':
      // Either way this window's text is settled: nothing to warn about on leaving, nothing to keep.
      return { ...state, dirty: false, localCopy: 'clear' };
    case 'copyFailed':
      return { ...state, message: event.message };
    case 'versionAdvanced':
      // Only from the version this editor is based on, and not under a save in flight (which will conflict).
      if (state.version !== event.from || state.saving) return state;
      return { ...state, version: event.to };
  }
}

/** A save may start: none is in flight and no conflict is waiting for the writer. */
export function canStartSave(state: EditorState): boolean {
  return !state.saving && !state.conflict;
}

/** Leaving now would lose something the server does not have. */
export function hasUnsavedChanges(state: EditorState): boolean {
  return state.dirty || state.saving;
}

/** What the browser's copy needs after `prev` became `next`: a write, a removal, or nothing. */
export type LocalCopyEffect = { kind: 'write'; content: EditorContent; baseVersion: number } | { kind: 'clear' } | null;

/** The storage work a transition asks for: write only when the mirrored content or its version changed. */
export function localCopyEffectOf(prev: EditorState, next: EditorState): LocalCopyEffect {
  if (next.localCopy === 'mirror') {
    const changed = prev.localCopy !== 'mirror' || prev.content !== next.content || prev.version !== next.version;
    return changed ? { kind: 'write', content: next.content, baseVersion: next.version } : null;
  }
  if (next.localCopy === 'clear' && prev.localCopy !== 'clear') return { kind: 'clear' };
  return null;
}

/** The article as the workflow rules see it. */
export function transitionSubjectOf(state: EditorState, isOwn: boolean): TransitionSubject {
  return { status: state.status, trashed: state.trashed, isOwn };
}

/** The workflow actions `role` may take now, in the order of ARTICLE_ACTIONS. */
export function availableActions(subject: TransitionSubject, role: Role): ArticleAction[] {
  return ARTICLE_ACTIONS.filter((action) => decideTransition(subject, action, role).allowed);
}

/** The publish checklist of the content as it is in the form. */
export function checklistOf(content: EditorContent): ChecklistFailures {
  return decidePublishChecklist({
    headline: content.headline,
    sectionId: content.sectionId,
    authorIds: content.authorIds,
    standfirst: content.standfirst,
    heroImage: content.heroImageId ? { alt: content.heroAlt } : null,
  });
}
