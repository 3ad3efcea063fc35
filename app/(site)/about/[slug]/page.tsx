import type { Metadata } from 'next';
import { permanentRedirect } from 'next/navigation';
import { ABOUT_PAGE_SLUG, standingPagePath } from '@/lib/routes';
import { StandingPage, standingPageMetadata } from '../standing-page';

type Props = { params: Promise<{ slug: string }> };

/** Rendered when the response cache does not hold it, then cached until a change purges its tags (ADR 0010). */
export const dynamic = 'force-dynamic';

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return standingPageMetadata((await params).slug);
}

/** A standing page other than the about page: contact, ethics, masthead, methodology … */
export default async function StandingPageRoute({ params }: Props) {
  const { slug } = await params;
  // The about page has one address: /about, not /about/about.
  if (slug === ABOUT_PAGE_SLUG) permanentRedirect(standingPagePath(ABOUT_PAGE_SLUG));
  return <StandingPage slug={slug} />;
}
