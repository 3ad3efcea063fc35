import { homePath, searchPath } from '@/lib/routes';

/** What a reader sees where a page is missing: what happened, and the ways on (front page, search). */
export function NotFoundContent() {
  return (
    <div className="mx-auto max-w-2xl py-10">
      <h1 className="font-serif text-3xl font-bold">Page not found</h1>
      <p className="mt-4 text-neutral-700">We could not find that page. It may have moved, or it may not have been published yet.</p>
      <form action={searchPath()} method="get" role="search" className="mt-6 flex max-w-md gap-2">
        <label htmlFor="not-found-search" className="sr-only">
          Search articles
        </label>
        <input id="not-found-search" name="q" type="search" placeholder="Search articles" className="min-w-0 flex-1 rounded border border-neutral-400 px-3 py-2" />
        <button type="submit" className="rounded bg-neutral-900 px-4 py-2 font-semibold text-white">
          Search
        </button>
      </form>
      <p className="mt-6">
        <a href={homePath()} className="font-semibold text-brand underline">
          Go to the front page
        </a>
      </p>
    </div>
  );
}
