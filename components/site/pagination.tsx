import { pageHref } from '@/lib/articles/decide-pagination';

/** Previous/next links with real URLs (`?page=N`), and where the reader is. Nothing when there is one page. */
export function Pagination({ path, page, pageCount, params = {} }: { path: string; page: number; pageCount: number; params?: Record<string, string> }) {
  if (pageCount <= 1) return null;
  return (
    <nav aria-label="Pagination" className="mt-10 flex items-center justify-between border-t border-neutral-300 pt-4 text-sm font-semibold">
      {page > 1 ? (
        <a href={pageHref(path, page - 1, params)} rel="prev" className="text-brand underline underline-offset-2">
          ← Newer<span className="sr-only"> articles, page {page - 1}</span>
        </a>
      ) : (
        <span />
      )}
      <p className="text-neutral-700">
        Page {page} of {pageCount}
      </p>
      {page < pageCount ? (
        <a href={pageHref(path, page + 1, params)} rel="next" className="text-brand underline underline-offset-2">
          Older<span className="sr-only"> articles, page {page + 1}</span> →
        </a>
      ) : (
        <span />
      )}
    </nav>
  );
}
