import type { ReaderNewsletter } from '@/lib/newsletters/queries';
import { newsletterRoutes } from '@/lib/routes';

/**
 * The newsletter sign-up form: a plain HTML form posting to /newsletters/subscribe, so it works
 * without JavaScript. Each enabled newsletter is a checkbox; on a section front or an article, the
 * newsletters following that section come first and are ticked. Nothing when there is no newsletter.
 */
export function NewsletterSignup({ newsletters, sectionId, id }: { newsletters: ReaderNewsletter[]; sectionId?: string; id: string }) {
  if (newsletters.length === 0) return null;
  const follows = (n: ReaderNewsletter) => sectionId !== undefined && n.sectionIds.includes(sectionId);
  const ordered = [...newsletters.filter(follows), ...newsletters.filter((n) => !follows(n))];
  const ticked = new Set(sectionId ? ordered.filter(follows).map((n) => n.id) : ordered.slice(0, 1).map((n) => n.id));
  return (
    <section aria-labelledby={`${id}-heading`} className="no-print mt-10 rounded border border-neutral-300 bg-neutral-50 p-4">
      <h2 id={`${id}-heading`} className="font-serif text-xl font-bold">
        Get our newsletters
      </h2>
      <form method="post" action={newsletterRoutes.subscribe()} className="mt-3 space-y-3">
        <fieldset>
          <legend className="text-sm text-neutral-700">Choose what you would like by email:</legend>
          <ul className="mt-2 grid gap-2 sm:grid-cols-2">
            {ordered.map((n) => (
              <li key={n.id}>
                <label className="flex gap-2 text-sm">
                  <input type="checkbox" name="newsletterIds" value={n.id} defaultChecked={ticked.has(n.id)} className="mt-1" />
                  <span>
                    <span className="font-semibold">{n.name}</span>
                    {n.description ? <span className="block text-neutral-700">{n.description}</span> : null}
                  </span>
                </label>
              </li>
            ))}
          </ul>
        </fieldset>
        <div className="flex flex-wrap items-end gap-2">
          <div>
            <label htmlFor={`${id}-email`} className="block text-sm font-medium">
              Email address
            </label>
            <input
              id={`${id}-email`}
              name="email"
              type="email"
              required
              maxLength={254}
              autoComplete="email"
              className="mt-1 w-72 max-w-full rounded border border-neutral-500 px-3 py-2"
            />
          </div>
          <button type="submit" className="rounded bg-neutral-900 px-4 py-2 font-semibold text-white hover:bg-neutral-700">
            Sign up
          </button>
        </div>
        <p className="text-xs text-neutral-700">We email you a link to confirm. Every newsletter has a one-click unsubscribe link.</p>
      </form>
    </section>
  );
}
