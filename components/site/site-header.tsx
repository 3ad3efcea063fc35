import { homePath, searchPath, sectionPath } from '@/lib/routes';

/** The masthead: skip link, site name and section navigation. */
export function SiteHeader({ siteName, sections }: { siteName: string; sections: { name: string; slug: string }[] }) {
  return (
    <header className="border-b border-neutral-300">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:bg-white focus:p-2">
        Skip to content
      </a>
      <div className="mx-auto flex max-w-6xl items-center justify-between gap-4 px-4 py-4">
        <a href={homePath()} className="font-serif text-3xl font-bold tracking-tight text-neutral-900 sm:text-4xl">
          {siteName}
        </a>
        <a href={searchPath()} className="no-print text-sm font-semibold text-brand underline-offset-2 hover:underline">
          Search
        </a>
      </div>
      <nav aria-label="Sections" className="border-t border-neutral-200">
        <ul className="mx-auto flex max-w-6xl flex-wrap gap-x-5 gap-y-1 px-4 py-2 text-sm font-semibold">
          {sections.map((s) => (
            <li key={s.slug}>
              <a href={sectionPath(s.slug)} className="text-neutral-800 hover:text-brand hover:underline">
                {s.name}
              </a>
            </li>
          ))}
        </ul>
      </nav>
    </header>
  );
}
