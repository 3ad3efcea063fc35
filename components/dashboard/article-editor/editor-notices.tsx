import type { LocalCopy } from './editor-state';

/** The offer of a newer unsaved copy found in this browser: restore it or discard it. */
export function LocalCopyBanner({ copy, onRestore, onDiscard }: { copy: LocalCopy; onRestore: () => void; onDiscard: () => void }) {
  return (
    <div role="alert" className="rounded border border-amber-400 bg-amber-50 p-3 text-sm">
      <p>This browser has unsaved text for this article from {new Date(copy.at).toLocaleString()}, newer than the last save.</p>
      <div className="mt-2 flex gap-2">
        <button type="button" className="rounded bg-neutral-900 px-3 py-1 text-white" onClick={onRestore}>
          Restore my unsaved text
        </button>
        <button type="button" className="rounded border border-neutral-500 px-3 py-1" onClick={onDiscard}>
          Discard it
        </button>
      </div>
    </div>
  );
}

/** Someone else saved first: the writer's text is kept; they choose a copy of theirs or the other version. */
export function ConflictBanner({
  message,
  onKeepCopy,
  onReloadTheirs,
}: {
  message: string;
  onKeepCopy: () => void;
  onReloadTheirs: () => void;
}) {
  return (
    <div role="alert" className="rounded border border-red-400 bg-red-50 p-3 text-sm" data-testid="conflict">
      <p className="font-semibold">{message}</p>
      <p className="mt-1">Your text is safe in this window and in this browser. Choose what to do:</p>
      <div className="mt-2 flex flex-wrap gap-2">
        <button type="button" className="rounded bg-neutral-900 px-3 py-1 text-white" onClick={onKeepCopy}>
          Save my version as a new draft copy
        </button>
        <button type="button" className="rounded border border-neutral-500 px-3 py-1" onClick={onReloadTheirs}>
          Reload their version (discard mine)
        </button>
      </div>
    </div>
  );
}
