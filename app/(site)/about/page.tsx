import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { ABOUT_PAGE_SLUG } from '@/lib/routes';
import { StandingPage, standingPageMetadata } from './standing-page';

type Props = { searchParams: Promise<{ page?: string | string[] }> };

/** Rendered when the response cache does not hold it, then cached until a change purges its tags (ADR 0010). */
export const dynamic = 'force-dynamic';

export function generateMetadata(): Promise<Metadata> {
  return standingPageMetadata(ABOUT_PAGE_SLUG);
}

/**
 * The about page: the standing page with the slug `about`. It is not a list: `/about/page/N` (which
 * next.config.js rewrites to `?page=N` for lists) is a 404, not a second copy of it.
 */
export default async function AboutPage({ searchParams }: Props) {
  if ((await searchParams).page !== undefined) notFound();
  return <StandingPage slug={ABOUT_PAGE_SLUG} />;
}
