/**
 * Previous/next links with real URLs, and where the reader is. Nothing when there is one page.
 * `href` gives page N's URL: a lib/routes function such as `(n) => sectionPath(slug, n)`.
 */
export function Pagination({ href, page, pageCount }: { href: (page: number) => string; page: number; pageCount: number }) {
  if (pageCount <= 1) return null;
  return (
    <nav aria-label="Pagination" className="mt-10 flex items-center justify-between border-t border-neutral-300 pt-4 text-sm font-semibold">
      {page > 1 ? (
        <a href={href(page - 1)} rel="prev" className="text-brand underline underline-offset-2">
          ← Newer<span className="sr-only"> articles, page {page - 1}</span>
        </a>
      ) : (
        <span />
      )}
      <p className="text-neutral-700">
        Page {page} of {pageCount}
      </p>
      {page < pageCount ? (
        <a href={href(page + 1)} rel="next" className="text-brand underline underline-offset-2">
          Older<span className="sr-only"> articles, page {page + 1}</span> →
        </a>
      ) : (
        <span />
      )}
    </nav>
  );
}
