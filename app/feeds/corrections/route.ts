import { connection } from 'next/server';
import { getCorrectionsPage } from '@/lib/articles/queries';
import { buildCorrectionsFeed } from '@/lib/feeds/build-corrections-feed';
import { feedResponse } from '@/lib/feeds/build-feed';

/** The RSS feed of corrections (/feeds/corrections): the newest page of /corrections. */
export async function GET() {
  await connection();
  const { items } = await getCorrectionsPage({ page: 1 });
  return feedResponse(buildCorrectionsFeed(items));
}
