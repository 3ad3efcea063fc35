'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import {
  copyArticleAction,
  heartbeatAction,
  saveArticleAction,
  sharePreviewAction,
  transitionArticleAction,
} from '@/app/(dashboard)/dashboard/articles/actions';
import { ImageUploadForm } from '@/components/dashboard/image-upload-form';
import { RichTextEditor, type LibraryImage } from '@/components/dashboard/rich-text-editor';
import type { BodyDocument } from '@/lib/articles/body-schema';
import { decidePublishChecklist } from '@/lib/articles/decide-checklist';
import { decideCanEdit, decideTransition, type ArticleAction } from '@/lib/articles/decide-transition';
import type { ArticleStatus, Role } from '@/lib/generated/prisma/enums';
import { slugify } from '@/lib/text/slug';

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

type Props = {
  articleId: string;
  initial: EditorContent;
  version: number;
  status: ArticleStatus;
  trashed: boolean;
  isOwn: boolean;
  role: Role;
  lastSavedAt: string;
  lastSavedBy: string | null;
  choices: { sections: { id: string; name: string }[]; campaigns: { id: string; name: string }[]; authors: { id: string; name: string }[] };
  images: LibraryImage[];
};

type SaveState = 'saved' | 'unsaved' | 'saving' | 'failed' | 'conflict';
type Conflict = { message: string };
type LocalCopy = { content: EditorContent; baseVersion: number; at: number };

const AUTOSAVE_MS = 2500;
const localPrefix = (id: string) => `masthead:draft:${id}:`;

const ACTION_LABEL: Record<ArticleAction, string> = {
  submit: 'Submit for review',
  withdraw: 'Withdraw from review',
  return: 'Return to writer',
  publish: 'Publish now',
  schedule: 'Schedule',
  unschedule: 'Unschedule',
  unpublish: 'Unpublish',
  archive: 'Archive',
  unarchive: 'Unarchive',
  trash: 'Move to trash',
  restore: 'Restore from trash',
};
const STATUS_LABEL: Record<ArticleStatus, string> = {
  DRAFT: 'Draft',
  IN_REVIEW: 'In review',
  SCHEDULED: 'Scheduled',
  PUBLISHED: 'Published',
  ARCHIVED: 'Archived',
};

/**
 * The article editor: every field, the rich-text body, autosave with a visible state, a local copy in
 * the browser, conflict handling that never overwrites or loses text, presence and the workflow.
 */
export function ArticleEditor(props: Props) {
  const { articleId, choices, role } = props;
  // The library as loaded, plus what is uploaded from this editor.
  const [images, setImages] = useState<LibraryImage[]>(props.images);
  const router = useRouter();
  const ids = useId();
  const [content, setContent] = useState<EditorContent>(props.initial);
  const [status, setStatus] = useState<ArticleStatus>(props.status);
  const [trashed, setTrashed] = useState(props.trashed);
  const [saveState, setSaveState] = useState<SaveState>('saved');
  const [savedAt, setSavedAt] = useState(props.lastSavedAt);
  const [message, setMessage] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[]>>({});
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const [others, setOthers] = useState<string[]>([]);
  const [localOffer, setLocalOffer] = useState<LocalCopy | null>(null);
  const [bodyKey, setBodyKey] = useState(0);
  const [slugTouched, setSlugTouched] = useState(props.initial.slug !== slugify(props.initial.headline));
  const [scheduleAt, setScheduleAt] = useState('');
  const [shareUrl, setShareUrl] = useState<string | null>(null);
  const version = useRef(props.version);
  const latest = useRef(content);
  const dirty = useRef(false);
  const inFlight = useRef(false);
  useEffect(() => {
    latest.current = content;
  }, [content]);

  const editDecision = decideCanEdit({ status, trashed, isOwn: props.isOwn }, role);
  const canEdit = editDecision.allowed;
  const checklist = useMemo(() => {
    const hero = content.heroImageId ? { alt: content.heroAlt } : null;
    return decidePublishChecklist({
      headline: content.headline,
      sectionId: content.sectionId,
      authorIds: content.authorIds,
      standfirst: content.standfirst,
      heroImage: hero,
    });
  }, [content]);
  const isEditor = role === 'EDITOR' || role === 'ADMIN';

  // The browser keeps a copy of unsaved text, keyed by article and the version it is based on.
  const storeLocal = useCallback(
    (c: EditorContent) => {
      try {
        for (let i = localStorage.length - 1; i >= 0; i--) {
          const key = localStorage.key(i);
          if (key?.startsWith(localPrefix(articleId))) localStorage.removeItem(key);
        }
        localStorage.setItem(
          `${localPrefix(articleId)}${version.current}`,
          JSON.stringify({ content: c, baseVersion: version.current, at: Date.now() } satisfies LocalCopy),
        );
      } catch {
        // storage full or disabled: the server copy is still there
      }
    },
    [articleId],
  );
  const clearLocal = useCallback(() => {
    try {
      for (let i = localStorage.length - 1; i >= 0; i--) {
        const key = localStorage.key(i);
        if (key?.startsWith(localPrefix(articleId))) localStorage.removeItem(key);
      }
    } catch {
      // ignore
    }
  }, [articleId]);

  useEffect(() => {
    try {
      for (let i = 0; i < localStorage.length; i++) {
        const key = localStorage.key(i);
        if (!key?.startsWith(localPrefix(articleId))) continue;
        const copy = JSON.parse(localStorage.getItem(key) ?? 'null') as LocalCopy | null;
        // Browser storage only exists after mount, so the offer is set from this effect.
        if (copy && copy.at > Date.parse(props.lastSavedAt) && JSON.stringify(copy.content) !== JSON.stringify(props.initial)) {
          // eslint-disable-next-line react-hooks/set-state-in-effect
          setLocalOffer(copy);
        }
      }
    } catch {
      // a damaged copy is ignored
    }
    // Only on first load: later changes are ours.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const update = (patch: Partial<EditorContent>) => {
    setContent((c) => {
      const next = { ...c, ...patch };
      latest.current = next;
      storeLocal(next);
      return next;
    });
    dirty.current = true;
    if (saveState !== 'conflict') setSaveState('unsaved');
  };

  const save = useCallback(async (): Promise<boolean> => {
    if (inFlight.current || conflict) return false;
    inFlight.current = true;
    const sent = latest.current;
    dirty.current = false;
    setSaveState('saving');
    try {
      const result = await saveArticleAction({ articleId, baseVersion: version.current, content: sent });
      if (result.ok) {
        version.current = result.version;
        setSavedAt(result.savedAt);
        setFieldErrors({});
        setMessage(null);
        if (latest.current === sent) clearLocal();
        else storeLocal(latest.current);
        setSaveState(dirty.current ? 'unsaved' : 'saved');
        return true;
      }
      dirty.current = true;
      if (result.code === 'CONFLICT') {
        setConflict({ message: result.message });
        setSaveState('conflict');
      } else {
        setFieldErrors(result.fieldErrors ?? {});
        setMessage(result.message);
        setSaveState('failed');
      }
      return false;
    } catch {
      dirty.current = true;
      setSaveState('failed');
      setMessage('Saving failed: the server could not be reached. Your text is kept in this browser; we will retry.');
      return false;
    } finally {
      inFlight.current = false;
    }
  }, [articleId, clearLocal, conflict, storeLocal]);

  // Autosave a few seconds after the last change, and retry after failures.
  useEffect(() => {
    if (!canEdit || conflict) return;
    const timer = setInterval(() => {
      if (dirty.current && !inFlight.current) void save();
    }, AUTOSAVE_MS);
    return () => clearInterval(timer);
  }, [canEdit, conflict, save]);

  // Warn before leaving with unsaved changes.
  useEffect(() => {
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      if (dirty.current || inFlight.current) {
        e.preventDefault();
        e.returnValue = '';
      }
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, []);

  // Presence heartbeat every 10 seconds.
  useEffect(() => {
    let stopped = false;
    const beat = async () => {
      try {
        const r = await heartbeatAction(articleId);
        if (!stopped && r.ok) setOthers(r.others);
      } catch {
        // offline: try again next time
      }
    };
    void beat();
    const timer = setInterval(() => void beat(), 10_000);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [articleId]);

  const transition = async (action: ArticleAction) => {
    if (dirty.current && canEdit && !(await save())) return;
    let scheduledAt: string | undefined;
    if (action === 'schedule') {
      if (!scheduleAt) {
        setFieldErrors({ scheduledAt: ['Choose a date and time.'] });
        return;
      }
      scheduledAt = new Date(scheduleAt).toISOString();
    }
    const result = await transitionArticleAction({ articleId, action, scheduledAt });
    if (result.ok) {
      setStatus(result.status);
      if (action === 'trash') setTrashed(true);
      if (action === 'restore') setTrashed(false);
      setMessage(`Done: ${ACTION_LABEL[action].toLowerCase()}.`);
      setFieldErrors({});
      router.refresh();
    } else {
      setMessage(result.message);
      setFieldErrors(result.fieldErrors ?? {});
    }
  };

  const keepAsCopy = async () => {
    const result = await copyArticleAction({ content: latest.current });
    if (result.ok) {
      clearLocal();
      dirty.current = false;
      router.push(`/dashboard/articles/${result.id}`);
    } else setMessage(result.message);
  };

  const actions = (
    ['submit', 'withdraw', 'return', 'publish', 'schedule', 'unschedule', 'unpublish', 'archive', 'unarchive', 'trash', 'restore'] as const
  ).filter((a) => decideTransition({ status, trashed, isOwn: props.isOwn }, a, role).allowed);
  const err = (field: string) => fieldErrors[field]?.[0];
  const need = (field: keyof typeof checklist) => (isEditor && checklist[field] ? checklist[field] : undefined);
  const fieldClass = 'mt-1 w-full rounded border border-neutral-400 bg-white px-3 py-2 disabled:bg-neutral-100';
  const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;

  const fieldMessages = (field: string, check?: keyof typeof checklist) => (
    <>
      {err(field) && (
        <span id={`${ids}-${field}-error`} className="mt-1 block text-sm text-red-800">
          {err(field)}
        </span>
      )}
      {check && need(check) && !err(field) && <span className="mt-1 block text-sm text-amber-800">Needed to publish: {need(check)}</span>}
    </>
  );

  return (
    <div className="grid gap-6 lg:grid-cols-[1fr_18rem]">
      <div className="space-y-4">
        <div className="flex flex-wrap items-center gap-3">
          <span className="rounded bg-neutral-200 px-2 py-1 text-sm font-semibold" data-testid="article-status">
            {trashed ? 'In trash' : STATUS_LABEL[status]}
          </span>
          <p aria-live="polite" role="status" className="text-sm" data-testid="save-state">
            {saveState === 'saved' && `All changes saved ${new Date(savedAt).toLocaleTimeString()}`}
            {saveState === 'unsaved' && 'Unsaved changes'}
            {saveState === 'saving' && 'Saving…'}
            {saveState === 'failed' && 'Saving failed'}
            {saveState === 'conflict' && 'Not saved: conflict'}
          </p>
          {others.length > 0 && (
            <p className="rounded bg-sky-100 px-2 py-1 text-sm text-sky-950" data-testid="presence">
              {others.join(', ')} {others.length === 1 ? 'is' : 'are'} also editing
            </p>
          )}
        </div>
        {!editDecision.allowed && <p className="rounded bg-neutral-100 p-3 text-sm">{editDecision.reason}</p>}
        {localOffer && (
          <div role="alert" className="rounded border border-amber-400 bg-amber-50 p-3 text-sm">
            <p>This browser has unsaved text for this article from {new Date(localOffer.at).toLocaleString()}, newer than the last save.</p>
            <div className="mt-2 flex gap-2">
              <button
                type="button"
                className="rounded bg-neutral-900 px-3 py-1 text-white"
                onClick={() => {
                  setContent(localOffer.content);
                  latest.current = localOffer.content;
                  dirty.current = true;
                  setSaveState('unsaved');
                  setBodyKey((k) => k + 1);
                  setLocalOffer(null);
                }}
              >
                Restore my unsaved text
              </button>
              <button
                type="button"
                className="rounded border border-neutral-500 px-3 py-1"
                onClick={() => {
                  clearLocal();
                  setLocalOffer(null);
                }}
              >
                Discard it
              </button>
            </div>
          </div>
        )}
        {conflict && (
          <div role="alert" className="rounded border border-red-400 bg-red-50 p-3 text-sm" data-testid="conflict">
            <p className="font-semibold">{conflict.message}</p>
            <p className="mt-1">Your text is safe in this window and in this browser. Choose what to do:</p>
            <div className="mt-2 flex flex-wrap gap-2">
              <button type="button" className="rounded bg-neutral-900 px-3 py-1 text-white" onClick={() => void keepAsCopy()}>
                Save my version as a new draft copy
              </button>
              <button
                type="button"
                className="rounded border border-neutral-500 px-3 py-1"
                onClick={() => {
                  clearLocal();
                  dirty.current = false;
                  window.location.reload();
                }}
              >
                Reload their version (discard mine)
              </button>
            </div>
          </div>
        )}
        {message && !conflict && (
          <p role="alert" className="rounded bg-neutral-100 p-2 text-sm">
            {message}
          </p>
        )}
        <fieldset disabled={!canEdit} className="space-y-4">
          <label className="block">
            <span className="font-medium">Headline</span>
            <input
              className={`${fieldClass} font-serif text-2xl`}
              value={content.headline}
              aria-invalid={!!err('headline')}
              onChange={(e) => update({ headline: e.target.value, ...(slugTouched ? {} : { slug: slugify(e.target.value) }) })}
            />
            {fieldMessages('headline', 'headline')}
          </label>
          <label className="block">
            <span className="font-medium">Standfirst</span>
            <textarea className={fieldClass} rows={2} value={content.standfirst} onChange={(e) => update({ standfirst: e.target.value })} />
            {fieldMessages('standfirst', 'standfirst')}
          </label>
          <div>
            <span id={`${ids}-body`} className="font-medium">
              Body
            </span>
            <RichTextEditor
              key={bodyKey}
              initial={content.body as BodyDocument}
              images={images}
              labelledBy={`${ids}-body`}
              onChange={(body) => update({ body })}
            />
            {fieldMessages('body')}
          </div>
          <fieldset className="rounded border border-neutral-300 p-3">
            <legend className="px-1 font-medium">Hero image</legend>
            {fieldMessages('heroImage', 'heroImage')}
            <div role="radiogroup" aria-label="Hero image" className="grid max-h-56 grid-cols-4 gap-2 overflow-auto">
              <label className="flex items-center justify-center border border-neutral-300 text-sm">
                <input
                  type="radio"
                  name="hero"
                  className="mr-1"
                  checked={!content.heroImageId}
                  onChange={() => update({ heroImageId: null })}
                />{' '}
                None
              </label>
              {images.map((img) => (
                <label
                  key={img.id}
                  className={`cursor-pointer border ${content.heroImageId === img.id ? 'border-blue-700 outline-2 outline-blue-700' : 'border-neutral-300'}`}
                >
                  <input
                    type="radio"
                    name="hero"
                    className="sr-only"
                    checked={content.heroImageId === img.id}
                    onChange={() => update({ heroImageId: img.id, heroAlt: img.alt, heroCaption: img.caption, heroCredit: img.credit })}
                    aria-label={img.alt || `Image ${img.id}`}
                  />
                  {/* eslint-disable-next-line @next/next/no-img-element -- a thumbnail */}
                  <img src={img.src} alt="" className="h-20 w-full object-cover" />
                </label>
              ))}
            </div>
            <details className="mt-3 rounded border border-neutral-200 p-2">
              <summary className="cursor-pointer text-sm font-medium">Upload a new hero image</summary>
              <div className="mt-2">
                <ImageUploadForm
                  label="Upload a hero image"
                  disabled={!canEdit}
                  onUploaded={(img) => {
                    setImages((list) => [img, ...list.filter((i) => i.id !== img.id)]);
                    update({ heroImageId: img.id, heroAlt: img.alt, heroCaption: img.caption, heroCredit: img.credit });
                  }}
                />
              </div>
            </details>
            {content.heroImageId && (
              <div className="mt-3 grid gap-2 sm:grid-cols-3">
                <label className="block text-sm">
                  Alt text
                  <input className={fieldClass} value={content.heroAlt} onChange={(e) => update({ heroAlt: e.target.value })} />
                </label>
                <label className="block text-sm">
                  Caption
                  <input className={fieldClass} value={content.heroCaption} onChange={(e) => update({ heroCaption: e.target.value })} />
                </label>
                <label className="block text-sm">
                  Credit
                  <input className={fieldClass} value={content.heroCredit} onChange={(e) => update({ heroCredit: e.target.value })} />
                </label>
              </div>
            )}
          </fieldset>
          <details className="rounded border border-neutral-300 p-3">
            <summary className="font-medium">SEO</summary>
            <label className="mt-2 block text-sm">
              SEO title
              <input className={fieldClass} value={content.seoTitle ?? ''} onChange={(e) => update({ seoTitle: e.target.value })} />
            </label>
            {fieldMessages('seoTitle')}
            <label className="mt-2 block text-sm">
              SEO description
              <textarea
                className={fieldClass}
                rows={2}
                value={content.seoDescription ?? ''}
                onChange={(e) => update({ seoDescription: e.target.value })}
              />
            </label>
            {fieldMessages('seoDescription')}
            <label className="mt-2 block text-sm">
              Canonical URL
              <input
                className={fieldClass}
                type="url"
                value={content.canonicalUrl ?? ''}
                onChange={(e) => update({ canonicalUrl: e.target.value })}
              />
            </label>
            {fieldMessages('canonicalUrl')}
          </details>
        </fieldset>
      </div>

      <aside className="space-y-4">
        <section aria-label="Workflow" className="rounded border border-neutral-300 bg-white p-3">
          <h2 className="font-semibold">Workflow</h2>
          {isEditor && (
            <div className="mt-2">
              <h3 className="text-sm font-medium">Publish checklist</h3>
              <ul className="text-sm" data-testid="checklist">
                {Object.keys(checklist).length === 0 ? (
                  <li className="text-green-800">Ready to publish</li>
                ) : (
                  Object.values(checklist).map((r) => (
                    <li key={r} className="text-amber-800">
                      {r}
                    </li>
                  ))
                )}
              </ul>
            </div>
          )}
          {actions.includes('schedule') && (
            <label className="mt-2 block text-sm">
              Publish at ({timeZone})
              <input type="datetime-local" step={1} className={fieldClass} value={scheduleAt} onChange={(e) => setScheduleAt(e.target.value)} />
              {fieldMessages('scheduledAt')}
            </label>
          )}
          <div className="mt-2 flex flex-col gap-2">
            {actions.map((a) => (
              <button
                key={a}
                type="button"
                onClick={() => void transition(a)}
                className={`rounded px-3 py-1.5 text-sm ${a === 'publish' || a === 'submit' ? 'bg-neutral-900 text-white' : 'border border-neutral-500'}`}
              >
                {ACTION_LABEL[a]}
              </button>
            ))}
            {canEdit && (
              <button type="button" onClick={() => void save()} className="rounded border border-neutral-500 px-3 py-1.5 text-sm">
                Save now
              </button>
            )}
          </div>
          <div className="mt-3 flex flex-col gap-1 text-sm">
            <Link href={`/dashboard/articles/${articleId}/preview`} className="text-blue-800 underline">
              Preview
            </Link>
            <Link href={`/dashboard/articles/${articleId}/history`} className="text-blue-800 underline">
              History
            </Link>
            <button
              type="button"
              className="text-left text-blue-800 underline"
              onClick={async () => {
                const r = await sharePreviewAction(articleId);
                if (r.ok && r.url) setShareUrl(r.url);
              }}
            >
              Create a share link (48 hours)
            </button>
            {shareUrl && (
              <input
                readOnly
                value={shareUrl}
                aria-label="Share link"
                className="rounded border px-2 py-1 text-xs"
                onFocus={(e) => e.target.select()}
              />
            )}
          </div>
        </section>
        <fieldset disabled={!canEdit} className="space-y-3 rounded border border-neutral-300 bg-white p-3">
          <legend className="px-1 font-semibold">Details</legend>
          <label className="block text-sm">
            Slug
            <input
              className={fieldClass}
              value={content.slug}
              aria-invalid={!!err('slug')}
              onChange={(e) => {
                setSlugTouched(true);
                update({ slug: e.target.value });
              }}
            />
          </label>
          {fieldMessages('slug')}
          <label className="block text-sm">
            Section
            <select className={fieldClass} value={content.sectionId} onChange={(e) => update({ sectionId: e.target.value })}>
              {choices.sections.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </select>
          </label>
          {fieldMessages('sectionId', 'sectionId')}
          <label className="block text-sm">
            Campaign
            <select
              className={fieldClass}
              value={content.campaignId ?? ''}
              onChange={(e) => update({ campaignId: e.target.value || null })}
            >
              <option value="">None</option>
              {choices.campaigns.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          </label>
          <div className="text-sm">
            <span id={`${ids}-authors`}>Authors</span>
            <ol aria-labelledby={`${ids}-authors`} className="mt-1 space-y-1">
              {content.authorIds.map((authorId, i) => (
                <li key={authorId} className="flex items-center gap-1">
                  <span className="flex-1">{choices.authors.find((a) => a.id === authorId)?.name ?? 'Unknown'}</span>
                  <button
                    type="button"
                    aria-label="Move up"
                    disabled={i === 0}
                    onClick={() => update({ authorIds: move(content.authorIds, i, -1) })}
                    className="px-1"
                  >
                    ↑
                  </button>
                  <button
                    type="button"
                    aria-label="Remove author"
                    onClick={() => update({ authorIds: content.authorIds.filter((x) => x !== authorId) })}
                    className="px-1"
                  >
                    ✕
                  </button>
                </li>
              ))}
            </ol>
            <select
              aria-label="Add author"
              className={fieldClass}
              value=""
              onChange={(e) => e.target.value && update({ authorIds: [...content.authorIds, e.target.value] })}
            >
              <option value="">Add author…</option>
              {choices.authors
                .filter((a) => !content.authorIds.includes(a.id))
                .map((a) => (
                  <option key={a.id} value={a.id}>
                    {a.name}
                  </option>
                ))}
            </select>
            {fieldMessages('authorIds', 'authorIds')}
          </div>
          <label className="block text-sm">
            Tags (comma-separated)
            <input
              className={fieldClass}
              defaultValue={content.tagNames.join(', ')}
              onChange={(e) =>
                update({
                  tagNames: e.target.value
                    .split(',')
                    .map((t) => t.trim())
                    .filter(Boolean),
                })
              }
            />
          </label>
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" checked={content.sponsored} onChange={(e) => update({ sponsored: e.target.checked })} /> Sponsored
            content
          </label>
        </fieldset>
      </aside>
    </div>
  );
}

function move<T>(list: T[], i: number, by: number): T[] {
  const next = [...list];
  const [item] = next.splice(i, 1);
  if (item !== undefined) next.splice(i + by, 0, item);
  return next;
}
