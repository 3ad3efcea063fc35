import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { StandingPageView } from '@/components/site/standing-page-view';
import { getMastheadAuthors } from '@/lib/authors/queries';
import { decidePageDescription } from '@/lib/pages/decide-page-description';
import { getPageBySlug } from '@/lib/pages/queries';
import { standingPagePath } from '@/lib/routes';
import { pageMetadata } from '@/lib/seo/site';

/** Metadata of the standing page with this slug (title, description, canonical URL), or none when there is none. */
export async function standingPageMetadata(slug: string): Promise<Metadata> {
  const page = await getPageBySlug(slug);
  if (!page) return {};
  return pageMetadata({ title: page.title, description: decidePageDescription(page), path: standingPagePath(page.slug) });
}

/** The standing page with this slug (404 when there is none); the masthead page with its staff list. */
export async function StandingPage({ slug }: { slug: string }) {
  const page = await getPageBySlug(slug);
  if (!page) notFound();
  const staff = page.role === 'MASTHEAD' ? await getMastheadAuthors() : undefined;
  return <StandingPageView page={page} staff={staff} />;
}
