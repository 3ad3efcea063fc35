'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { restoreRevisionAction } from '@/app/(dashboard)/dashboard/articles/actions';

/** Restores a revision as a new version (never rewriting history), then shows the refreshed history. */
export function RestoreRevisionButton({ articleId, revisionId, version, baseVersion }: { articleId: string; revisionId: string; version: number; baseVersion: number }) {
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
          const r = await restoreRevisionAction({ articleId, revisionId, baseVersion });
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
