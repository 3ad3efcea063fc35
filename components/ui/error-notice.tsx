'use client';

/** The reference id of an error boundary's error: Next's `digest` for server errors, which the server log carries too. */
export function errorReference(error: unknown): string | null {
  if (error && typeof error === 'object' && 'digest' in error && typeof error.digest === 'string' && /^[\w-]{1,64}$/.test(error.digest)) return error.digest;
  return null;
}

/**
 * What a person sees when a page fails: a plain message and the reference id to quote, never the
 * error's own text (which can hold database or file details; the server log has those, under the same id).
 */
export function ErrorNotice({ error, retry, homeHref = '/' }: { error: unknown; retry?: () => void; homeHref?: string }) {
  const reference = errorReference(error);
  return (
    <div role="alert" className="mx-auto max-w-2xl px-4 py-16">
      <h1 className="font-serif text-3xl font-bold">Something went wrong</h1>
      <p className="mt-4 text-neutral-700">This page could not be shown just now. Please try again in a moment.</p>
      {reference ? (
        <p className="mt-4 text-neutral-700">
          If it keeps happening, tell us this reference: <code className="rounded bg-neutral-100 px-1.5 py-0.5 font-mono text-neutral-900" data-testid="error-reference">{reference}</code>
        </p>
      ) : (
        <p className="mt-4 text-neutral-700">The error happened in your browser; reloading the page usually helps.</p>
      )}
      <p className="mt-6 flex flex-wrap gap-4">
        {retry && (
          <button type="button" onClick={() => retry()} className="rounded bg-brand px-4 py-2 font-semibold text-white hover:opacity-90">
            Try again
          </button>
        )}
        <a href={homeHref} className="px-1 py-2 font-semibold text-brand underline">
          {homeHref === '/' ? 'Go to the front page' : 'Back to the dashboard'}
        </a>
      </p>
    </div>
  );
}
