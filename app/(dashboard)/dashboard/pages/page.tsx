import type { Metadata } from 'next';
import Link from 'next/link';
import { rolesWith } from '@/lib/auth/permissions';
import { requireActor } from '@/lib/auth/session';
import { PAGE_ROLE_LABELS } from '@/lib/pages/page-roles';
import { listPagesForManagement } from '@/lib/pages/queries';
import { dashboardRoutes, standingPagePath } from '@/lib/routes';
import { formatDateTime } from '@/lib/text/format-date';

export const metadata: Metadata = { title: 'Pages' };

/** The standing pages (About, Contact, Ethics, Masthead, …) in footer order, with a link to create one. Editors and admins. */
export default async function PagesPage() {
  const actor = await requireActor({ roles: rolesWith('manage:pages') });
  const pages = await listPagesForManagement({ actor });
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-bold">Pages</h1>
        <Link
          href={dashboardRoutes.newPage()}
          className="rounded bg-neutral-900 px-4 py-2 text-sm font-medium text-white hover:bg-neutral-700 focus:outline-2 focus:outline-offset-2 focus:outline-blue-700"
        >
          New page
        </Link>
      </div>
      <p className="max-w-2xl text-sm text-neutral-700">
        Standing pages tell readers who publishes the site and how: about, contact, the ethics and corrections policy, the masthead (which lists every author)
        and notes such as a methodology. The footer of every page links the ones marked for it.
      </p>
      {pages.length === 0 ? (
        <p>No pages yet.</p>
      ) : (
        <table className="w-full border-collapse rounded border border-neutral-200 bg-white text-sm">
          <caption className="sr-only">All pages ({pages.length})</caption>
          <thead>
            <tr className="border-b border-neutral-200 text-left">
              <th scope="col" className="p-3">Title</th>
              <th scope="col" className="p-3">Address</th>
              <th scope="col" className="p-3">Role</th>
              <th scope="col" className="p-3">Footer</th>
              <th scope="col" className="p-3">Updated</th>
            </tr>
          </thead>
          <tbody>
            {pages.map((p) => (
              <tr key={p.id} className="border-b border-neutral-100" data-testid={`page-${p.slug}`}>
                <td className="p-3 font-semibold">
                  <Link href={dashboardRoutes.page(p.id)} className="underline">
                    {p.title}
                  </Link>
                </td>
                <td className="p-3">
                  <a href={standingPagePath(p.slug)} className="text-blue-800 underline">
                    {standingPagePath(p.slug)}
                  </a>
                </td>
                <td className="p-3">{p.role ? PAGE_ROLE_LABELS[p.role] : '—'}</td>
                <td className="p-3">{p.showInFooter ? `Yes (place ${p.position})` : 'No'}</td>
                <td className="p-3">{formatDateTime(p.updatedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
