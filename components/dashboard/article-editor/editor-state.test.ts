import { describe, expect, it } from 'vitest';
import {
  availableActions,
  canStartSave,
  checklistOf,
  editorReducer,
  hasUnsavedChanges,
  initialEditorState,
  localCopyEffectOf,
  SCHEDULE_TIME_MISSING,
  UNREACHABLE_MESSAGE,
  type EditorContent,
  type EditorEvent,
  type EditorState,
  type LocalCopy,
} from './editor-state';

const SAVED_AT = '2026-11-30T10:00:00.000Z';

function content(overrides: Partial<EditorContent> = {}): EditorContent {
  return {
    headline: 'Harbour reopens',
    slug: 'harbour-reopens',
    standfirst: '',
    body: { type: 'doc', content: [] },
    sectionId: 'section-1',
    campaignId: null,
    authorIds: [],
    tagNames: [],
    heroImageId: null,
    heroAlt: '',
    heroCaption: '',
    heroCredit: '',
    sponsored: false,
    seoTitle: null,
    seoDescription: null,
    canonicalUrl: null,
    ...overrides,
  };
}

function loaded(overrides: Partial<EditorContent> = {}): EditorState {
  return initialEditorState({ content: content(overrides), version: 3, status: 'DRAFT', trashed: false, savedAt: SAVED_AT });
}

const run = (state: EditorState, ...events: EditorEvent[]) => events.reduce(editorReducer, state);
const edit = (patch: Partial<EditorContent>): EditorEvent => ({ type: 'edited', patch });
const copyAt = (at: string, c: EditorContent = content({ headline: 'Kept in the browser' })): LocalCopy => ({
  content: c,
  baseVersion: 3,
  at: Date.parse(at),
});

describe('initialEditorState', () => {
  it('starts saved, clean, with nothing offered and the browser copy left alone', () => {
    const s = loaded();
    expect(s).toMatchObject({ saveState: 'saved', dirty: false, saving: false, conflict: null, localOffer: null, localCopy: 'leave' });
    expect(hasUnsavedChanges(s)).toBe(false);
    expect(canStartSave(s)).toBe(true);
  });

  it('treats a slug that does not follow the headline as typed by hand', () => {
    expect(loaded().slugTouched).toBe(false);
    expect(loaded({ slug: 'harbour' }).slugTouched).toBe(true);
  });
});

describe('edited', () => {
  it('merges the patch, marks the content unsaved and mirrors it to the browser', () => {
    const s = run(loaded(), edit({ standfirst: 'Ferries return.' }));
    expect(s.content.standfirst).toBe('Ferries return.');
    expect(s.content.headline).toBe('Harbour reopens');
    expect(s).toMatchObject({ dirty: true, saveState: 'unsaved', localCopy: 'mirror' });
    expect(hasUnsavedChanges(s)).toBe(true);
  });

  it('renames an untouched slug with the headline', () => {
    const s = run(loaded(), edit({ headline: 'Ferries & trams return' }));
    expect(s.content.slug).toBe('ferries-and-trams-return');
  });

  it('keeps following the headline with a slug numbered because the headline’s was taken', () => {
    const numbered = loaded({ slug: 'harbour-reopens-2' });
    expect(numbered.slugTouched).toBe(false);
    // A typo fixed keeps the number (the plain slug is taken)…
    expect(run(numbered, edit({ headline: 'Harbour reopens!' })).content.slug).toBe('harbour-reopens-2');
    // …a new headline gets its own slug.
    expect(run(numbered, edit({ headline: 'Harbour reopens to ferries' })).content.slug).toBe('harbour-reopens-to-ferries');
  });

  it('leaves a slug typed by hand alone, from that edit on', () => {
    const s = run(loaded(), edit({ slug: 'my-slug' }), edit({ headline: 'Another headline' }));
    expect(s.slugTouched).toBe(true);
    expect(s.content).toMatchObject({ slug: 'my-slug', headline: 'Another headline' });
    expect(run(loaded({ slug: 'kept' }), edit({ headline: 'New' })).content.slug).toBe('kept');
  });

  it('keeps saying "conflict" after a conflict', () => {
    const s = run(
      loaded(),
      edit({ headline: 'A' }),
      { type: 'saveStarted' },
      { type: 'saveConflicted', message: 'Grace saved first.' },
      edit({ headline: 'B' }),
    );
    expect(s.saveState).toBe('conflict');
    expect(s.conflict).toEqual({ message: 'Grace saved first.' });
  });
});

describe('saving', () => {
  const started = () => run(loaded(), edit({ standfirst: 'One' }), { type: 'saveStarted' });

  it('saveStarted: one save in flight, the sent changes no longer dirty', () => {
    const s = started();
    expect(s).toMatchObject({ saving: true, dirty: false, saveState: 'saving' });
    expect(canStartSave(s)).toBe(false);
    expect(hasUnsavedChanges(s)).toBe(true);
    expect(editorReducer(s, { type: 'saveStarted' })).toBe(s);
  });

  it('saveSucceeded: the new version, saved, messages cleared, the browser copy cleared', () => {
    const failedFirst = run(
      started(),
      { type: 'saveFailed', message: 'Some fields need attention.', fieldErrors: { slug: ['Bad slug'] } },
      { type: 'saveStarted' },
    );
    const s = editorReducer(failedFirst, { type: 'saveSucceeded', version: 4, savedAt: '2026-11-30T10:05:00.000Z' });
    expect(s).toMatchObject({
      saving: false,
      dirty: false,
      version: 4,
      savedAt: '2026-11-30T10:05:00.000Z',
      saveState: 'saved',
      message: null,
      fieldErrors: {},
      localCopy: 'clear',
    });
    expect(hasUnsavedChanges(s)).toBe(false);
  });

  it('saveSucceeded after edits made in flight: still unsaved, and mirrored under the new version', () => {
    const s = run(started(), edit({ standfirst: 'Two' }), { type: 'saveSucceeded', version: 4, savedAt: SAVED_AT });
    expect(s).toMatchObject({ dirty: true, saveState: 'unsaved', version: 4, localCopy: 'mirror' });
    expect(s.content.standfirst).toBe('Two');
  });

  it('saveFailed: the message and field errors shown, the change dirty again (to retry)', () => {
    const s = editorReducer(started(), {
      type: 'saveFailed',
      message: 'Some fields need attention.',
      fieldErrors: { slug: ['Use lower-case letters'] },
    });
    expect(s).toMatchObject({
      saving: false,
      dirty: true,
      saveState: 'failed',
      message: 'Some fields need attention.',
      fieldErrors: { slug: ['Use lower-case letters'] },
      localCopy: 'mirror',
    });
    expect(canStartSave(s)).toBe(true);
    expect(editorReducer(started(), { type: 'saveFailed', message: 'Not allowed.' }).fieldErrors).toEqual({});
  });

  it('saveUnreachable: says the text is kept and will be retried', () => {
    const s = editorReducer(started(), { type: 'saveUnreachable' });
    expect(s).toMatchObject({ saving: false, dirty: true, saveState: 'failed', message: UNREACHABLE_MESSAGE });
  });

  it('saveConflicted: stops saving until the writer chooses, keeping their text', () => {
    const s = editorReducer(started(), { type: 'saveConflicted', message: 'Grace saved first. Your changes were not saved.' });
    expect(s).toMatchObject({
      saving: false,
      dirty: true,
      saveState: 'conflict',
      conflict: { message: 'Grace saved first. Your changes were not saved.' },
    });
    expect(s.content.standfirst).toBe('One');
    expect(canStartSave(s)).toBe(false);
    expect(editorReducer(s, { type: 'saveStarted' })).toBe(s);
  });

  it('ignores a save answer when no save is in flight', () => {
    const s = loaded();
    for (const event of [
      { type: 'saveSucceeded', version: 9, savedAt: SAVED_AT },
      { type: 'saveFailed', message: 'x' },
      { type: 'saveUnreachable' },
      { type: 'saveConflicted', message: 'x' },
    ] satisfies EditorEvent[]) {
      expect(editorReducer(s, event)).toBe(s);
    }
  });
});

describe('the local copy', () => {
  it('localCopyFound: offers a copy newer than the last save and different from the content', () => {
    const copy = copyAt('2026-11-30T10:01:00.000Z');
    expect(editorReducer(loaded(), { type: 'localCopyFound', copy }).localOffer).toBe(copy);
  });

  it('localCopyFound: ignores an older copy, or one equal to the saved content', () => {
    const s = loaded();
    expect(editorReducer(s, { type: 'localCopyFound', copy: copyAt('2026-11-30T09:59:00.000Z') })).toBe(s);
    expect(editorReducer(s, { type: 'localCopyFound', copy: copyAt('2026-11-30T10:01:00.000Z', content()) })).toBe(s);
  });

  it('localCopyRestored: the copy becomes the content, unsaved, and the body editor remounts', () => {
    const copy = copyAt('2026-11-30T10:01:00.000Z');
    const s = run(loaded(), { type: 'localCopyFound', copy }, { type: 'localCopyRestored' });
    expect(s.content).toEqual(copy.content);
    expect(s).toMatchObject({ localOffer: null, dirty: true, saveState: 'unsaved', bodyKey: 1, localCopy: 'mirror' });
  });

  it('localCopyDiscarded: the offer goes and the browser copy is cleared', () => {
    const s = run(loaded(), { type: 'localCopyFound', copy: copyAt('2026-11-30T10:01:00.000Z') }, { type: 'localCopyDiscarded' });
    expect(s).toMatchObject({ localOffer: null, localCopy: 'clear', dirty: false });
    expect(s.content).toEqual(content());
  });

  it('restoring or discarding without an offer does nothing', () => {
    const s = loaded();
    expect(editorReducer(s, { type: 'localCopyRestored' })).toBe(s);
    expect(editorReducer(s, { type: 'localCopyDiscarded' })).toBe(s);
  });
});

describe('localCopyEffectOf', () => {
  it('leaves storage alone on load and while nothing changes', () => {
    const s = loaded();
    expect(localCopyEffectOf(s, s)).toBeNull();
    const offered = editorReducer(s, { type: 'localCopyFound', copy: copyAt('2026-11-30T10:01:00.000Z') });
    expect(localCopyEffectOf(s, offered)).toBeNull();
  });

  it('writes the content under its base version on each edit', () => {
    const a = loaded();
    const b = editorReducer(a, edit({ standfirst: 'One' }));
    expect(localCopyEffectOf(a, b)).toEqual({ kind: 'write', content: b.content, baseVersion: 3 });
    const c = editorReducer(b, edit({ standfirst: 'Two' }));
    expect(localCopyEffectOf(b, c)).toEqual({ kind: 'write', content: c.content, baseVersion: 3 });
  });

  it('does not write again when only the save state changes', () => {
    const a = run(loaded(), edit({ standfirst: 'One' }));
    const b = editorReducer(a, { type: 'saveStarted' });
    expect(localCopyEffectOf(a, b)).toBeNull();
    expect(localCopyEffectOf(b, editorReducer(b, { type: 'saveFailed', message: 'x' }))).toBeNull();
  });

  it('rewrites under the new version when edits outlive a save, and clears when the save took everything', () => {
    const inFlight = run(loaded(), edit({ standfirst: 'One' }), { type: 'saveStarted' });
    const edited = editorReducer(inFlight, edit({ standfirst: 'Two' }));
    const after = editorReducer(edited, { type: 'saveSucceeded', version: 4, savedAt: SAVED_AT });
    expect(localCopyEffectOf(edited, after)).toEqual({ kind: 'write', content: after.content, baseVersion: 4 });

    const clean = editorReducer(inFlight, { type: 'saveSucceeded', version: 4, savedAt: SAVED_AT });
    expect(localCopyEffectOf(inFlight, clean)).toEqual({ kind: 'clear' });
    expect(localCopyEffectOf(clean, clean)).toBeNull();
  });

  it('clears after keeping a copy or choosing their version, with nothing left to warn about', () => {
    const conflicted = run(loaded(), edit({ headline: 'Mine' }), { type: 'saveStarted' }, { type: 'saveConflicted', message: 'x' });
    for (const type of ['keptAsCopy', 'theirVersionChosen'] as const) {
      const s = editorReducer(conflicted, { type });
      expect(localCopyEffectOf(conflicted, s)).toEqual({ kind: 'clear' });
      expect(hasUnsavedChanges(s)).toBe(false);
    }
  });
});

describe('workflow events', () => {
  it('transitionSucceeded: the new status and a "done" message, field errors cleared', () => {
    const s = run(loaded(), { type: 'scheduleTimeMissing' }, { type: 'transitionSucceeded', action: 'submit', status: 'IN_REVIEW' });
    expect(s).toMatchObject({ status: 'IN_REVIEW', trashed: false, message: 'Done: submit for review.', fieldErrors: {} });
  });

  it('trash and restore move the article in and out of the trash, keeping its status', () => {
    const trashed = editorReducer(loaded(), { type: 'transitionSucceeded', action: 'trash', status: 'DRAFT' });
    expect(trashed).toMatchObject({ trashed: true, status: 'DRAFT', message: 'Done: move to trash.' });
    expect(editorReducer(trashed, { type: 'transitionSucceeded', action: 'restore', status: 'DRAFT' })).toMatchObject({ trashed: false });
    expect(editorReducer(trashed, { type: 'transitionSucceeded', action: 'archive', status: 'ARCHIVED' }).trashed).toBe(true);
  });

  it('transitionFailed: the refusal and its field errors', () => {
    const s = editorReducer(loaded(), {
      type: 'transitionFailed',
      message: 'The article is not ready to publish.',
      fieldErrors: { standfirst: ['Write a standfirst.'] },
    });
    expect(s).toMatchObject({ message: 'The article is not ready to publish.', fieldErrors: { standfirst: ['Write a standfirst.'] } });
    expect(editorReducer(s, { type: 'transitionFailed', message: 'No.' }).fieldErrors).toEqual({});
  });

  it('scheduleTimeMissing: an error on the "Publish at" field', () => {
    expect(editorReducer(loaded(), { type: 'scheduleTimeMissing' }).fieldErrors).toEqual({ scheduledAt: [SCHEDULE_TIME_MISSING] });
  });

  it('copyFailed: the refusal, the conflict still waiting', () => {
    const conflicted = run(loaded(), edit({ headline: 'Mine' }), { type: 'saveStarted' }, { type: 'saveConflicted', message: 'x' });
    const s = editorReducer(conflicted, { type: 'copyFailed', message: 'Your text could not be copied.' });
    expect(s).toMatchObject({ message: 'Your text could not be copied.', conflict: { message: 'x' }, dirty: true });
  });
});

describe('a whole session', () => {
  it('edit, save, edit during a save, conflict: the text is never lost', () => {
    const s = run(
      loaded(),
      edit({ headline: 'First' }),
      { type: 'saveStarted' },
      { type: 'saveSucceeded', version: 4, savedAt: SAVED_AT },
      edit({ headline: 'Second' }),
      { type: 'saveStarted' },
      edit({ headline: 'Third' }),
      { type: 'saveConflicted', message: 'Omar saved first.' },
    );
    expect(s.content.headline).toBe('Third');
    expect(s).toMatchObject({ version: 4, dirty: true, saveState: 'conflict', localCopy: 'mirror' });
  });
});

describe('availableActions', () => {
  it('gives a writer on their own draft "submit" and nothing that publishes or trashes', () => {
    const actions = availableActions({ status: 'DRAFT', trashed: false, isOwn: true }, 'WRITER');
    expect(actions).toContain('submit');
    expect(actions).not.toContain('publish');
    expect(actions).not.toContain('trash');
  });

  it('gives an editor the review actions on an article in review, in the order of ARTICLE_ACTIONS', () => {
    const actions = availableActions({ status: 'IN_REVIEW', trashed: false, isOwn: false }, 'EDITOR');
    for (const action of ['return', 'publish', 'schedule', 'trash'] as const) expect(actions).toContain(action);
    expect(actions.indexOf('return')).toBeLessThan(actions.indexOf('publish'));
    expect(actions.indexOf('publish')).toBeLessThan(actions.indexOf('schedule'));
  });

  it('offers only "restore" for an article in the trash', () => {
    expect(availableActions({ status: 'PUBLISHED', trashed: true, isOwn: false }, 'ADMIN')).toEqual(['restore']);
  });
});

describe('checklistOf', () => {
  it('asks for a standfirst, an author and a hero image with alt text', () => {
    expect(checklistOf(content())).toMatchObject({
      standfirst: expect.any(String),
      authorIds: expect.any(String),
      heroImage: expect.any(String),
    });
    expect(checklistOf(content({ heroImageId: 'img-1', heroAlt: '' })).heroImage).toMatch(/alt text/);
    expect(checklistOf(content({ standfirst: 'S', authorIds: ['a'], heroImageId: 'img-1', heroAlt: 'Ferries' }))).toEqual({});
  });
});

describe('versionAdvanced (a correction was added)', () => {
  it('moves the base version on, keeping unsaved edits, so the next save does not conflict', () => {
    const edited = editorReducer(initialEditorState({ content: content(), version: 3, status: 'PUBLISHED', trashed: false, savedAt: SAVED_AT }), {
      type: 'edited',
      patch: { standfirst: 'New' },
    });
    const next = editorReducer(edited, { type: 'versionAdvanced', from: 3, to: 4 });
    expect(next.version).toBe(4);
    expect(next.dirty).toBe(true);
    expect(next.content.standfirst).toBe('New');
  });

  it('ignores an advance from another version, and one under a save in flight', () => {
    const start = initialEditorState({ content: content(), version: 3, status: 'PUBLISHED', trashed: false, savedAt: SAVED_AT });
    expect(editorReducer(start, { type: 'versionAdvanced', from: 2, to: 3 })).toBe(start);
    const saving = editorReducer(editorReducer(start, { type: 'edited', patch: { headline: 'X' } }), { type: 'saveStarted' });
    expect(editorReducer(saving, { type: 'versionAdvanced', from: 3, to: 4 })).toBe(saving);
  });
});
