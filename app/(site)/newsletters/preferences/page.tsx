import type { Metadata } from 'next';
import { isAppError } from '@/lib/errors';
import { getPreferences, siteContext } from '@/lib/newsletters/reader-writes';
import { newsletterRoutes } from '@/lib/routes';

export const metadata: Metadata = { title: 'Your newsletters', robots: { index: false }, referrer: 'no-referrer' };
export const dynamic = 'force-dynamic';

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const NOTICES = {
  confirmed: 'Thank you: your subscription is confirmed.',
  unsubscribed: 'You are unsubscribed from that newsletter.',
  saved: 'Your choices are saved.',
} as const;

/** The preferences page every email links to: which newsletters, a download of one's data, and deleting it. */
export default async function PreferencesPage({ searchParams }: Props) {
  const params = await searchParams;
  const token = typeof params.token === 'string' ? params.token : '';
  let preferences: Awaited<ReturnType<typeof getPreferences>>;
  try {
    preferences = await getPreferences({ token, site: siteContext() });
  } catch (error) {
    if (!isAppError(error)) throw error;
    return (
      <div className="mx-auto max-w-2xl py-8">
        <h1 className="font-serif text-3xl font-bold">This link does not work</h1>
        <p className="mt-4">{error.message}</p>
      </div>
    );
  }
  const notice = (Object.keys(NOTICES) as (keyof typeof NOTICES)[]).find((k) => params[k] === '1');
  return (
    <div className="mx-auto max-w-2xl py-8">
      <h1 className="font-serif text-3xl font-bold">Your newsletters</h1>
      {notice ? (
        <p role="status" className="mt-4 rounded border border-green-700 bg-green-50 p-3">
          {NOTICES[notice]}
        </p>
      ) : null}
      <p className="mt-4">
        Email address: <strong>{preferences.email}</strong>
      </p>
      {preferences.suppressed ? (
        <p className="mt-2 text-amber-900">
          Mail to this address came back as undeliverable or was reported as spam, so we send it nothing.
        </p>
      ) : null}
      <form method="post" action={newsletterRoutes.savePreferences()} className="mt-6 space-y-3">
        <input type="hidden" name="token" value={token} />
        <fieldset>
          <legend className="font-semibold">Newsletters you get</legend>
          <ul className="mt-2 space-y-2">
            {preferences.newsletters
              .filter((n) => n.enabled)
              .map((n) => (
                <li key={n.id}>
                  <label className="flex gap-2">
                    <input type="checkbox" name="newsletterIds" value={n.id} defaultChecked={n.status === 'ACTIVE'} className="mt-1" />
                    <span>
                      <span className="font-semibold">{n.name}</span>
                      {n.description ? <span className="block text-sm text-neutral-700">{n.description}</span> : null}
                    </span>
                  </label>
                </li>
              ))}
          </ul>
        </fieldset>
        <button type="submit" className="rounded bg-neutral-900 px-4 py-2 font-semibold text-white hover:bg-neutral-700">
          Save my choices
        </button>
      </form>
      <h2 className="mt-10 font-serif text-xl font-bold">Your data</h2>
      <p className="mt-2">
        <a href={newsletterRoutes.exportData(token)} className="text-brand underline">
          Download everything we hold about you
        </a>{' '}
        (JSON).
      </p>
      <form method="post" action={newsletterRoutes.deleteData()} className="mt-4">
        <input type="hidden" name="token" value={token} />
        <button type="submit" className="rounded border border-red-700 px-4 py-2 font-semibold text-red-800 hover:bg-red-50">
          Delete my address and subscriptions
        </button>
      </form>
    </div>
  );
}
