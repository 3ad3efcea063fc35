'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import type { ActionResult } from '@/lib/operations/action-result';

/** Restores a revision as a new version of the article, conditional on the version the page showed. */
export type RestoreRevision = (input: { articleId: string; revisionId: string; baseVersion: number }) => Promise<ActionResult<{ version: number }>>;

type Props = { articleId: string; revisionId: string; version: number; baseVersion: number; restore: RestoreRevision };

/** Restores a revision as a new version (never rewriting history), then shows the refreshed history. */
export function RestoreRevisionButton({ articleId, revisionId, version, baseVersion, restore }: Props) {
  const router = useRouter();
  const [message, setMessage] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  return (
    <div className="mt-1">
      <button
        type="button"
        disabled={pending}
        className="rounded border border-neutral-500 px-2 py-0.5 text-xs"
        onClick={async () => {
          setPending(true);
          const r = await restore({ articleId, revisionId, baseVersion });
          setPending(false);
          if (r.ok) {
            setMessage(`Restored version ${version} as version ${r.version}.`);
            router.refresh();
          } else setMessage(r.message);
        }}
      >
        Restore version {version}
      </button>
      {message && (
        <p role="status" className="mt-1 text-xs">
          {message}
        </p>
      )}
    </div>
  );
}
