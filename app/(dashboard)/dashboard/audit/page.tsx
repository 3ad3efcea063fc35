import Link from 'next/link';
import { FilterForm, FilterInput, FilterSelect } from '@/components/dashboard/filter-field';
import { auditFilterSchema, listAuditEvents } from '@/lib/audit/queries';
import { rolesWith } from '@/lib/auth/permissions';
import { requireActor } from '@/lib/auth/session';
import { dashboardRoutes } from '@/lib/routes';

export const metadata = { title: 'Audit log' };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function AuditPage({ searchParams }: Props) {
  const actor = await requireActor({ roles: rolesWith('read:audit-log') });
  const raw = await searchParams;
  const filter = auditFilterSchema.parse(Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v])));
  const { events, total, page, pageCount, actions } = await listAuditEvents({ actor, filter });
  const pageHref = (p: number) => {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries({ ...filter, page: String(p) })) if (v) params.set(k, String(v));
    return dashboardRoutes.audit(params);
  };
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">Audit log</h1>
      <FilterForm label="Filter the audit log" submitLabel="Filter" primary className="grid gap-3 rounded border border-neutral-200 bg-white p-4 sm:grid-cols-2 sm:items-end lg:grid-cols-5">
        <FilterSelect label="Action" name="action" defaultValue={filter.action} anyLabel="All actions" options={actions.map((a) => ({ value: a, label: a }))} />
        <FilterInput label="Actor email" name="actor" defaultValue={filter.actor} />
        <FilterInput label="From (UTC)" name="from" type="date" defaultValue={filter.from} />
        <FilterInput label="To (UTC)" name="to" type="date" defaultValue={filter.to} />
      </FilterForm>
      <p role="status" className="text-sm text-neutral-700">
        {total} event{total === 1 ? '' : 's'}, page {page} of {pageCount}
      </p>
      <div role="region" aria-label="Audit events" tabIndex={0} className="overflow-x-auto rounded border border-neutral-200 bg-white">
        <table className="w-full text-left text-sm">
          <caption className="sr-only">Audit events, newest first</caption>
          <thead className="bg-neutral-100">
            <tr>
              <th scope="col" className="px-3 py-2">When (UTC)</th>
              <th scope="col" className="px-3 py-2">Action</th>
              <th scope="col" className="px-3 py-2">Actor</th>
              <th scope="col" className="px-3 py-2">Target</th>
              <th scope="col" className="px-3 py-2">Detail</th>
              <th scope="col" className="px-3 py-2">IP</th>
            </tr>
          </thead>
          <tbody>
            {events.map((e) => (
              <tr key={e.id} className="border-t border-neutral-200 align-top">
                <td className="px-3 py-2 whitespace-nowrap">
                  <time dateTime={e.createdAt.toISOString()}>{e.createdAt.toISOString().replace('T', ' ').slice(0, 19)}</time>
                </td>
                <td className="px-3 py-2 font-mono">{e.action}</td>
                <td className="px-3 py-2">{e.actor?.name ?? ''} {e.actorEmail ? <span className="text-neutral-600">{e.actorEmail}</span> : null}</td>
                <td className="px-3 py-2">{e.targetType ? `${e.targetType} ${e.targetId ?? ''}` : ''}</td>
                <td className="max-w-xs px-3 py-2 font-mono text-xs break-words">{e.detail ? JSON.stringify(e.detail) : ''}</td>
                <td className="px-3 py-2 font-mono text-xs">{e.ip ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <nav aria-label="Pages" className="flex gap-4">
        {page > 1 ? (
          <Link href={pageHref(page - 1)} className="text-blue-800 underline">
            Newer
          </Link>
        ) : null}
        {page < pageCount ? (
          <Link href={pageHref(page + 1)} className="text-blue-800 underline">
            Older
          </Link>
        ) : null}
      </nav>
    </div>
  );
}
