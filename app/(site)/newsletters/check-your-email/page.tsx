import type { Metadata } from 'next';

export const metadata: Metadata = { title: 'Check your inbox', robots: { index: false } };
// The site's header and footer read the database: rendered per request, never at build time.
export const dynamic = 'force-dynamic';

/** After the sign-up form: the same answer for every address (no one learns who subscribes). */
export default function CheckYourEmailPage() {
  return (
    <div className="mx-auto max-w-2xl py-8">
      <h1 className="font-serif text-3xl font-bold">Check your inbox</h1>
      <p className="mt-4 text-lg">
        If the address can take email, a message with a link to confirm your subscription is on its way. Nothing else is sent until you
        follow it.
      </p>
      <p className="mt-4 text-neutral-700">
        No email after a few minutes? Look in your spam folder, or sign up again: the link works for seven days.
      </p>
    </div>
  );
}
