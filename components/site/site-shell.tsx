import type { ReactNode } from 'react';
import { SiteFooter } from '@/components/site/site-footer';
import { SiteHeader } from '@/components/site/site-header';
import { getEnv } from '@/lib/env';
import { getStandingPageLinks } from '@/lib/pages/queries';
import { getNavigationSections } from '@/lib/sections/queries';

/**
 * What every reader page has around its content: the header with the sections, the one `<main id="main">`
 * (the skip link's target) and the footer with the standing pages. The reader layout and the site's 404 page (app/not-found.tsx,
 * which renders outside that layout) both use it, so a 404 looks like the rest of the site.
 */
export async function SiteShell({ children }: { children: ReactNode }) {
  const [sections, pages] = await Promise.all([getNavigationSections(), getStandingPageLinks()]);
  const { SITE_NAME } = getEnv();
  return (
    <>
      <SiteHeader siteName={SITE_NAME} sections={sections} />
      <main id="main" tabIndex={-1} className="mx-auto max-w-6xl px-4 py-6 focus:outline-none">
        {children}
      </main>
      <SiteFooter siteName={SITE_NAME} pages={pages.filter((p) => p.showInFooter)} />
    </>
  );
}
