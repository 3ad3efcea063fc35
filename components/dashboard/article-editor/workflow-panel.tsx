import Link from 'next/link';
import { useState } from 'react';
import type { ChecklistFailures } from '@/lib/articles/decide-checklist';
import type { ArticleAction } from '@/lib/articles/decide-transition';
import type { ActionResult } from '@/lib/operations/action-result';
import { ACTION_LABEL, PRIMARY_ACTIONS } from './action-labels';
import { fieldClass, fieldId, FieldMessages, type FieldNotes } from './editor-fields';
import { dashboardRoutes } from '@/lib/routes';

/** A signed share link to the article's preview for people without an account (`url` null when links are off). */
export type SharePreview = (articleId: string) => Promise<ActionResult<{ url: string | null }>>;

type Props = {
  articleId: string;
  /** The actions the user may take now, from decideTransition. */
  actions: ArticleAction[];
  /** The publish checklist, or null for a role that does not publish. */
  checklist: ChecklistFailures | null;
  canEdit: boolean;
  notes: FieldNotes;
  /** The article's address on the site while readers can see it, else null. */
  livePath: string | null;
  /** Takes `action`; `scheduleAt` is the "Publish at" field as typed (local time, may be empty). */
  onAction: (action: ArticleAction, scheduleAt: string) => void;
  onSave: () => void;
  sharePreview: SharePreview;
};

/** Moves focus to a field the checklist names (and scrolls it into view), leaving the URL alone. */
function focusField(id: string) {
  const field = document.getElementById(id);
  if (!field) return;
  field.scrollIntoView({ block: 'center' });
  field.focus({ preventScroll: true });
}

/**
 * The workflow box: the publish checklist's open items (each a link to its field) right beside the
 * actions, "Save now", the live page once published, preview, history and share link.
 */
export function WorkflowPanel({ articleId, actions, checklist, canEdit, notes, livePath, onAction, onSave, sharePreview }: Props) {
  const [scheduleAt, setScheduleAt] = useState('');
  const [shareUrl, setShareUrl] = useState<string | null>(null);
  const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return (
    <section aria-labelledby={`${notes.idPrefix}-workflow`} className="rounded border border-neutral-300 bg-white p-3">
      <h2 id={`${notes.idPrefix}-workflow`} className="font-semibold">
        Workflow
      </h2>
      {livePath && (
        <p className="mt-1 text-sm">
          <a href={livePath} target="_blank" rel="noopener" className="font-semibold text-blue-800 underline">
            View the live article<span className="sr-only"> (opens in a new tab)</span>
          </a>
        </p>
      )}
      {checklist && (
        <div className="mt-2">
          <h3 className="text-sm font-medium">Publish checklist</h3>
          <ul className="text-sm" data-testid="checklist">
            {Object.keys(checklist).length === 0 ? (
              <li className="text-green-800">Ready to publish</li>
            ) : (
              Object.entries(checklist).map(([field, reason]) => (
                <li key={field}>
                  <a
                    href={`#${fieldId(notes, field)}`}
                    className="text-amber-900 underline"
                    onClick={(e) => {
                      e.preventDefault();
                      focusField(fieldId(notes, field));
                    }}
                  >
                    {reason}
                  </a>
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
          <FieldMessages notes={notes} field="scheduledAt" />
        </label>
      )}
      <div className="mt-2 flex flex-col gap-2">
        {actions.map((action) => (
          <button
            key={action}
            type="button"
            onClick={() => onAction(action, scheduleAt)}
            className={`rounded px-3 py-1.5 text-sm ${PRIMARY_ACTIONS.includes(action) ? 'bg-neutral-900 text-white' : 'border border-neutral-500'}`}
          >
            {ACTION_LABEL[action]}
          </button>
        ))}
        {canEdit && (
          <button type="button" onClick={onSave} className="rounded border border-neutral-500 px-3 py-1.5 text-sm">
            Save now
          </button>
        )}
      </div>
      <div className="mt-3 flex flex-col gap-1 text-sm">
        <Link href={dashboardRoutes.articlePreview(articleId)} className="text-blue-800 underline">
          Preview
        </Link>
        <Link href={dashboardRoutes.articleHistory(articleId)} className="text-blue-800 underline">
          History
        </Link>
        <button
          type="button"
          className="text-left text-blue-800 underline"
          onClick={async () => {
            const r = await sharePreview(articleId);
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
  );
}
