'use client';

import { ErrorNotice } from '@/components/ui/error-notice';

/** Any page's unexpected failure: a plain message and the reference id (the server logs the detail under it). */
export default function ErrorPage({ error, retry }: { error: unknown; retry: () => void }) {
  return (
    <main id="main">
      <ErrorNotice error={error} retry={retry} />
    </main>
  );
}
