/**
 * The trail above an article or a standing page: each crumb a link, then the page itself marked
 * `aria-current`. The same crumbs go into the page's BreadcrumbList JSON-LD.
 */
export function Breadcrumb({ crumbs, current }: { crumbs: { name: string; href: string }[]; current: { name: string; href: string } }) {
  return (
    <nav aria-label="Breadcrumb" className="no-print text-sm text-neutral-700">
      <ol className="flex flex-wrap gap-1">
        {crumbs.map((c) => (
          <li key={c.href}>
            <a href={c.href} className="underline-offset-2 hover:underline">
              {c.name}
            </a>
            <span aria-hidden="true"> › </span>
          </li>
        ))}
        <li>
          <a href={current.href} aria-current="page" className="underline-offset-2 hover:underline">
            {current.name}
          </a>
        </li>
      </ol>
    </nav>
  );
}
