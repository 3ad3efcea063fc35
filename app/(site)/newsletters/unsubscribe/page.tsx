import type { Metadata } from 'next';
import { newsletterRoutes } from '@/lib/routes';

export const metadata: Metadata = { title: 'Unsubscribe', robots: { index: false }, referrer: 'no-referrer' };
export const dynamic = 'force-dynamic';

type Props = { searchParams: Promise<{ token?: string | string[] }> };

/**
 * The "Unsubscribe" link of an email: one button (a GET never unsubscribes, so link scanners that
 * open every link in a message cannot unsubscribe anyone). The button posts to the one-click endpoint.
 */
export default async function UnsubscribePage({ searchParams }: Props) {
  const token = (await searchParams).token;
  if (typeof token !== 'string' || !token) {
    return (
      <div className="mx-auto max-w-2xl py-8">
        <h1 className="font-serif text-3xl font-bold">This link does not work</h1>
        <p className="mt-4">Use the unsubscribe link of one of our emails.</p>
      </div>
    );
  }
  return (
    <div className="mx-auto max-w-2xl py-8">
      <h1 className="font-serif text-3xl font-bold">Unsubscribe</h1>
      <p className="mt-4 text-lg">Stop getting this newsletter? You can still choose others afterwards.</p>
      <form method="post" action={newsletterRoutes.oneClick(token)} className="mt-6">
        <input type="hidden" name="from" value="page" />
        <button type="submit" className="rounded bg-neutral-900 px-4 py-2 font-semibold text-white hover:bg-neutral-700">
          Unsubscribe
        </button>
      </form>
    </div>
  );
}
