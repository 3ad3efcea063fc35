import Link from 'next/link';
import { dashboardRoutes } from '@/lib/routes';

/** A dashboard 404 (an article another writer owns, a deleted image…), inside the dashboard's own frame. */
export default function DashboardNotFound() {
  return (
    <div className="max-w-xl">
      <h1 className="text-2xl font-bold">Not found</h1>
      <p className="mt-2 text-neutral-700">This item does not exist, or you may not see it.</p>
      <p className="mt-4">
        <Link href={dashboardRoutes.articles()} className="font-semibold text-blue-800 underline">
          Back to articles
        </Link>
      </p>
    </div>
  );
}
