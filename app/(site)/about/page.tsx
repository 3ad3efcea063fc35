import type { Metadata } from 'next';
import { ABOUT_PAGE_SLUG } from '@/lib/routes';
import { StandingPage, standingPageMetadata } from './standing-page';

/** Rendered when the response cache does not hold it, then cached until a change purges its tags (ADR 0010). */
export const dynamic = 'force-dynamic';

export function generateMetadata(): Promise<Metadata> {
  return standingPageMetadata(ABOUT_PAGE_SLUG);
}

/** The about page: the standing page with the slug `about`. */
export default function AboutPage() {
  return <StandingPage slug={ABOUT_PAGE_SLUG} />;
}
