'use client';

import { ErrorNotice } from '@/components/ui/error-notice';
import './globals.css';

/** A failure of the root layout itself: replaces the whole document, so it brings its own html and body. */
export default function GlobalError({ error, retry }: { error: unknown; retry: () => void }) {
  return (
    <html lang="en">
      <body className="bg-white font-sans text-neutral-900 antialiased">
        <title>Something went wrong</title>
        <main id="main">
          <ErrorNotice error={error} retry={retry} />
        </main>
      </body>
    </html>
  );
}
