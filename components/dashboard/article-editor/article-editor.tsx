'use client';

import { useRouter } from 'next/navigation';
import { useCallback, useEffect, useId, useMemo, useState } from 'react';
import type { UploadImageAction } from '@/components/dashboard/image-upload-form';
import { RichTextEditor, type LibraryImage } from '@/components/dashboard/rich-text-editor';
import type { BodyDocument } from '@/lib/articles/body-schema';
import { decideCanEdit, type ArticleAction } from '@/lib/articles/decide-transition';
import { roleCan } from '@/lib/auth/permissions';
import type { ArticleStatus } from '@/lib/articles/status-labels';
import type { Role } from '@/lib/auth/actor';
import type { ActionResult } from '@/lib/operations/action-result';
import { DetailsPanel, type EditorChoices } from './details-panel';
import { fieldClass, errorOf, fieldId, FieldMessages, type FieldNotes } from './editor-fields';
import { CorrectionsPanel, type AddCorrectionAction, type EditorCorrection } from './corrections-panel';
import { ConflictBanner, LocalCopyBanner } from './editor-notices';
import { availableActions, checklistOf, initialEditorState, transitionSubjectOf, type EditorContent } from './editor-state';
import { EditorStatusBar } from './editor-status-bar';
import { heroPatchOf, HeroImagePanel } from './hero-image-panel';
import { SeoPanel } from './seo-panel';
import { useAutosave, type SaveArticle } from './use-autosave';
import { useEditorState } from './use-editor-state';
import { useLocalDraft } from './use-local-draft';
import { usePresence, type Heartbeat } from './use-presence';
import { WorkflowPanel, type SharePreview } from './workflow-panel';
import { dashboardRoutes } from '@/lib/routes';

/** The Server Actions the editor calls, passed in by the page. */
export type ArticleEditorActions = {
  save: SaveArticle;
  transition: (input: {
    articleId: string;
    action: ArticleAction;
    scheduledAt?: string;
  }) => Promise<ActionResult<{ status: ArticleStatus }>>;
  /** Keeps the editor's text as a new draft (after a conflict). */
  copy: (input: { content: EditorContent }) => Promise<ActionResult<{ id: string }>>;
  heartbeat: Heartbeat;
  sharePreview: SharePreview;
  uploadImage: UploadImageAction;
  addCorrection: AddCorrectionAction;
  removeCorrection: AddCorrectionAction;
};

type Props = {
  articleId: string;
  initial: EditorContent;
  version: number;
  status: ArticleStatus;
  trashed: boolean;
  isOwn: boolean;
  role: Role;
  lastSavedAt: string;
  /** The article's address on the site while readers can see it, else null. */
  livePath: string | null;
  choices: EditorChoices;
  images: LibraryImage[];
  /** The corrections appended to the article, newest first. */
  corrections: EditorCorrection[];
  actions: ArticleEditorActions;
};

/**
 * The article editor: every field, the rich-text body, autosave with a visible state, a local copy in
 * the browser, conflict handling that never overwrites or loses text, presence and the workflow.
 * The state machine is editor-state.ts; the hooks beside it run its effects.
 */
export function ArticleEditor(props: Props) {
  const { articleId, choices, role, isOwn, actions: server } = props;
  const router = useRouter();
  const idPrefix = useId();
  // The library as loaded, plus what is uploaded from this editor.
  const [images, setImages] = useState<LibraryImage[]>(props.images);
  const draft = useLocalDraft(articleId);
  const { state, dispatch, getState } = useEditorState(
    () =>
      initialEditorState({
        content: props.initial,
        version: props.version,
        status: props.status,
        trashed: props.trashed,
        savedAt: props.lastSavedAt,
      }),
    draft,
  );
  const { content } = state;
  const subject = transitionSubjectOf(state, isOwn);
  const editDecision = decideCanEdit(subject, role);
  const canEdit = editDecision.allowed;
  const { save } = useAutosave({ articleId, enabled: canEdit, state, getState, dispatch, saveAction: server.save });
  const others = usePresence(articleId, server.heartbeat);

  // Browser storage only exists after mount: a newer copy left by an earlier visit is offered from here.
  useEffect(() => {
    const copy = draft.read();
    if (copy) dispatch({ type: 'localCopyFound', copy });
  }, [draft, dispatch]);

  const checklist = useMemo(() => checklistOf(content), [content]);
  // Only those who publish see the checklist and its "Needed to publish" hints.
  const seesChecklist = roleCan(role, 'publish:article');
  const notes: FieldNotes = { idPrefix, errors: state.fieldErrors, needed: seesChecklist ? checklist : {} };
  const edit = (patch: Partial<EditorContent>) => dispatch({ type: 'edited', patch });

  const transition = async (action: ArticleAction, scheduleAt: string) => {
    if (getState().dirty && canEdit && !(await save())) return;
    if (action === 'schedule' && !scheduleAt) return dispatch({ type: 'scheduleTimeMissing' });
    const scheduledAt = action === 'schedule' ? new Date(scheduleAt).toISOString() : undefined;
    const result = await server.transition({ articleId, action, scheduledAt });
    if (!result.ok) return dispatch({ type: 'transitionFailed', message: result.message, fieldErrors: result.fieldErrors });
    dispatch({ type: 'transitionSucceeded', action, status: result.status });
    router.refresh();
  };

  // A correction moves the article's version on without touching its content: the next save builds on it.
  const correctionAdded = useCallback((from: number, to: number) => dispatch({ type: 'versionAdvanced', from, to }), [dispatch]);
  const showsCorrections = state.status === 'PUBLISHED' && !state.trashed;

  const keepAsCopy = async () => {
    const result = await server.copy({ content: getState().content });
    if (!result.ok) return dispatch({ type: 'copyFailed', message: result.message });
    dispatch({ type: 'keptAsCopy' });
    router.push(dashboardRoutes.article(result.id));
  };

  const reloadTheirs = () => {
    dispatch({ type: 'theirVersionChosen' });
    window.location.reload();
  };

  // The workflow comes first in the page, so on a phone the Publish button and what it still needs are
  // above the body, not under it; on a wide screen it sits at the top of the right-hand column.
  return (
    <div className="grid gap-6 lg:grid-cols-[1fr_18rem] lg:grid-rows-[auto_1fr]">
      <div className="lg:col-start-2 lg:row-start-1">
        <WorkflowPanel
          articleId={articleId}
          actions={availableActions(subject, role)}
          checklist={seesChecklist ? checklist : null}
          canEdit={canEdit}
          notes={notes}
          livePath={props.livePath}
          onAction={(action, scheduleAt) => void transition(action, scheduleAt)}
          onSave={() => void save()}
          sharePreview={server.sharePreview}
        />
      </div>
      <div className="space-y-4 lg:col-start-1 lg:row-span-2 lg:row-start-1">
        <EditorStatusBar
          status={state.status}
          trashed={state.trashed}
          saveState={state.saveState}
          savedAt={state.savedAt}
          others={others}
        />
        {!editDecision.allowed && <p className="rounded bg-neutral-100 p-3 text-sm">{editDecision.reason}</p>}
        {state.localOffer && (
          <LocalCopyBanner
            copy={state.localOffer}
            onRestore={() => dispatch({ type: 'localCopyRestored' })}
            onDiscard={() => dispatch({ type: 'localCopyDiscarded' })}
          />
        )}
        {state.conflict && (
          <ConflictBanner message={state.conflict.message} onKeepCopy={() => void keepAsCopy()} onReloadTheirs={reloadTheirs} />
        )}
        {state.message && !state.conflict && (
          <p role="alert" className="rounded bg-neutral-100 p-2 text-sm">
            {state.message}
          </p>
        )}
        <fieldset disabled={!canEdit} className="space-y-4">
          <label className="block">
            <span className="font-medium">Headline</span>
            <input
              id={fieldId(notes, 'headline')}
              className={`${fieldClass} font-serif text-2xl`}
              value={content.headline}
              aria-invalid={!!errorOf(notes, 'headline')}
              onChange={(e) => edit({ headline: e.target.value })}
            />
            <FieldMessages notes={notes} field="headline" check="headline" />
          </label>
          <label className="block">
            <span className="font-medium">Standfirst</span>
            <textarea
              id={fieldId(notes, 'standfirst')}
              className={`${fieldClass} field-sizing-content min-h-24`}
              rows={3}
              value={content.standfirst}
              onChange={(e) => edit({ standfirst: e.target.value })}
            />
            <FieldMessages notes={notes} field="standfirst" check="standfirst" />
          </label>
          <div>
            <span id={`${idPrefix}-body`} className="font-medium">
              Body
            </span>
            <RichTextEditor
              key={state.bodyKey}
              initial={content.body as BodyDocument}
              images={images}
              labelledBy={`${idPrefix}-body`}
              onChange={(body) => edit({ body })}
            />
            <FieldMessages notes={notes} field="body" />
          </div>
          <HeroImagePanel
            content={content}
            images={images}
            canEdit={canEdit}
            notes={notes}
            onChange={edit}
            uploadImage={server.uploadImage}
            onUploaded={(img) => {
              setImages((list) => [img, ...list.filter((i) => i.id !== img.id)]);
              edit(heroPatchOf(img));
            }}
          />
          <SeoPanel content={content} notes={notes} onChange={edit} />
        </fieldset>
      </div>

      <div className="space-y-4 lg:col-start-2 lg:row-start-2">
        {showsCorrections && (
          <CorrectionsPanel
            articleId={articleId}
            corrections={props.corrections}
            canAdd={roleCan(role, 'correct:article')}
            addCorrection={server.addCorrection}
            removeCorrection={server.removeCorrection}
            onAdded={correctionAdded}
          />
        )}
        <DetailsPanel content={content} choices={choices} canEdit={canEdit} notes={notes} onChange={edit} />
      </div>
    </div>
  );
}
