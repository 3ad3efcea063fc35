import { NotFoundContent } from '@/components/site/not-found-content';

/**
 * A reader page's 404 (`notFound()` in a page), inside the reader layout, so the page keeps one
 * `<main>`. The production server sends app/not-found.tsx's server-rendered page for it (see there).
 */
export default function SiteNotFound() {
  return <NotFoundContent />;
}
