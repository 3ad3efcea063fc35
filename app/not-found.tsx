import type { Metadata } from 'next';
import { connection } from 'next/server';
import { NotFoundContent } from '@/components/site/not-found-content';
import { SiteShell } from '@/components/site/site-shell';

export const metadata: Metadata = { title: 'Page not found', robots: { index: false } };

/**
 * The site's 404 page for a URL no route matches, and the page the production server sends in place of
 * the empty shell Next 16 answers a `notFound()` with (scripts/serve.mjs; vercel/next.js#62228): a
 * complete page, with the site's header and footer, that needs no JavaScript. Rendered per request, since
 * the header lists the sections.
 */
export default async function NotFound() {
  await connection();
  return (
    <SiteShell>
      <NotFoundContent />
    </SiteShell>
  );
}
