import type { Metadata } from 'next';

export const metadata: Metadata = { title: 'Your data is deleted', robots: { index: false } };
// The site's header and footer read the database: rendered per request, never at build time.
export const dynamic = 'force-dynamic';

export default function DeletedPage() {
  return (
    <div className="mx-auto max-w-2xl py-8">
      <h1 className="font-serif text-3xl font-bold">Your data is deleted</h1>
      <p className="mt-4 text-lg">
        Your address and your subscriptions are gone for good. We will not email you again unless you sign up anew.
      </p>
    </div>
  );
}
