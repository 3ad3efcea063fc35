import { correctionsPath, standingPagePath } from '@/lib/routes';

/** The page footer: the standing pages marked for it (About, Contact, Ethics …), in their order, then Corrections. */
export function SiteFooter({ siteName, pages }: { siteName: string; pages: { slug: string; title: string }[] }) {
  return (
    <footer className="mt-16 border-t border-neutral-300 bg-neutral-50">
      <div className="mx-auto max-w-6xl px-4 py-8 text-sm text-neutral-700">
        <nav aria-label="About us" className="mb-4">
          <ul className="flex flex-wrap gap-x-6 gap-y-2">
            {pages.map((p) => (
              <li key={p.slug}>
                <a href={standingPagePath(p.slug)} className="font-medium text-neutral-900 underline-offset-2 hover:underline">
                  {p.title}
                </a>
              </li>
            ))}
            <li>
              <a href={correctionsPath()} className="font-medium text-neutral-900 underline-offset-2 hover:underline">
                Corrections
              </a>
            </li>
          </ul>
        </nav>
        <p>
          {siteName} is published with Masthead, an open-source news platform.
        </p>
      </div>
    </footer>
  );
}
