import Link from 'next/link';
import { useState } from 'react';
import type { ChecklistFailures } from '@/lib/articles/decide-checklist';
import type { ArticleAction } from '@/lib/articles/decide-transition';
import type { ActionResult } from '@/lib/operations/action-result';
import { ACTION_LABEL, PRIMARY_ACTIONS } from './action-labels';
import { fieldClass, FieldMessages, type FieldNotes } from './editor-fields';
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
  /** Takes `action`; `scheduleAt` is the "Publish at" field as typed (local time, may be empty). */
  onAction: (action: ArticleAction, scheduleAt: string) => void;
  onSave: () => void;
  sharePreview: SharePreview;
};

/** The workflow box: publish checklist, the allowed actions, "Save now", preview, history and share link. */
export function WorkflowPanel({ articleId, actions, checklist, canEdit, notes, onAction, onSave, sharePreview }: Props) {
  const [scheduleAt, setScheduleAt] = useState('');
  const [shareUrl, setShareUrl] = useState<string | null>(null);
  const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return (
    <section aria-label="Workflow" className="rounded border border-neutral-300 bg-white p-3">
      <h2 className="font-semibold">Workflow</h2>
      {checklist && (
        <div className="mt-2">
          <h3 className="text-sm font-medium">Publish checklist</h3>
          <ul className="text-sm" data-testid="checklist">
            {Object.keys(checklist).length === 0 ? (
              <li className="text-green-800">Ready to publish</li>
            ) : (
              Object.values(checklist).map((reason) => (
                <li key={reason} className="text-amber-800">
                  {reason}
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
