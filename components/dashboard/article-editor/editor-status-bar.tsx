import type { ArticleStatus } from '@/lib/articles/status-labels';
import { STATUS_LABEL, TRASHED_LABEL } from '@/lib/articles/status-labels';
import type { SaveState } from './editor-state';

type Props = { status: ArticleStatus; trashed: boolean; saveState: SaveState; savedAt: string; others: string[] };

const SAVE_TEXT: Record<Exclude<SaveState, 'saved'>, string> = {
  unsaved: 'Unsaved changes',
  saving: 'Saving…',
  failed: 'Saving failed',
  conflict: 'Not saved: conflict',
};

/** The article's status, the save indicator (a polite live region) and who else is editing. */
export function EditorStatusBar({ status, trashed, saveState, savedAt, others }: Props) {
  return (
    <div className="flex flex-wrap items-center gap-3">
      <span className="rounded bg-neutral-200 px-2 py-1 text-sm font-semibold" data-testid="article-status">
        {trashed ? TRASHED_LABEL : STATUS_LABEL[status]}
      </span>
      <p aria-live="polite" role="status" className="text-sm" data-testid="save-state">
        {saveState === 'saved' ? `All changes saved ${new Date(savedAt).toLocaleTimeString()}` : SAVE_TEXT[saveState]}
      </p>
      {others.length > 0 && (
        <p className="rounded bg-sky-100 px-2 py-1 text-sm text-sky-950" data-testid="presence">
          {others.join(', ')} {others.length === 1 ? 'is' : 'are'} also editing
        </p>
      )}
    </div>
  );
}
