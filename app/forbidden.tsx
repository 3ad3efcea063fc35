import { dashboardRoutes } from '@/lib/routes';

/** The 403 page. A plain link, not next/link: this boundary sits in the root layout, so next/link here would ship its code to every reader page. */
export default function Forbidden() {
  return (
    <main id="main" className="mx-auto max-w-xl px-4 py-16">
      <h1 className="text-2xl font-bold">You do not have access to this page</h1>
      <p className="mt-3 text-neutral-700">Your role does not allow this. Ask an administrator if you need access.</p>
      <p className="mt-6">
        <a href={dashboardRoutes.home()} className="text-blue-800 underline">
          Back to the dashboard
        </a>
      </p>
    </main>
  );
}
