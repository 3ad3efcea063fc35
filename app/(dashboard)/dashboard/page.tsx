import Link from 'next/link';
import { STATUS_GROUP_LABEL } from '@/lib/articles/status-labels';
import { requireActor } from '@/lib/auth/session';
import { ARTICLE_STATUSES, getDashboardCounts } from '@/lib/dashboard/queries';
import { dashboardRoutes } from '@/lib/routes';

export const metadata = { title: 'Home' };

export default async function DashboardHome() {
  const actor = await requireActor();
  const counts = await getDashboardCounts({ actor });
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">Welcome, {actor.name}</h1>
      <section aria-labelledby="counts-heading">
        <h2 id="counts-heading" className="mb-3 text-lg font-semibold">
          Articles by status
        </h2>
        <dl className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-6">
          {ARTICLE_STATUSES.map((status) => (
            <div key={status} className="rounded border border-neutral-200 bg-white p-4">
              <dt className="text-sm text-neutral-600">{STATUS_GROUP_LABEL[status]}</dt>
              <dd className="text-2xl font-bold" data-testid={`count-${status}`}>
                <Link href={dashboardRoutes.articles({ status })} className="hover:underline">
                  {counts.byStatus[status]}
                </Link>
              </dd>
            </div>
          ))}
          <div className="rounded border border-neutral-200 bg-white p-4">
            <dt className="text-sm text-neutral-600">In the trash</dt>
            <dd className="text-2xl font-bold">{counts.trashed}</dd>
          </div>
        </dl>
      </section>
      <p className="text-neutral-700">
        You have {counts.myDrafts} draft{counts.myDrafts === 1 ? '' : 's'} of your own.{' '}
        <Link href={dashboardRoutes.articles()} className="text-blue-800 underline">
          Go to articles
        </Link>
      </p>
    </div>
  );
}
