import type { Metadata } from 'next';
import Link from 'next/link';
import { FilterForm, FilterInput, FilterSelect } from '@/components/dashboard/filter-field';
import { requireActor } from '@/lib/auth/session';
import { getEditorChoices, listArticlesForDashboard } from '@/lib/articles/dashboard-queries';
import { emptyToUndefined } from '@/lib/articles/schemas';
import { STATUS_LABEL, TRASHED_LABEL } from '@/lib/articles/status-labels';
import { formatDateTime } from '@/lib/text/format-date';
import { dashboardRoutes } from '@/lib/routes';

export const metadata: Metadata = { title: 'Articles' };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function ArticlesPage({ searchParams }: Props) {
  const actor = await requireActor();
  const params = emptyToUndefined(await searchParams);
  const [{ items, nextCursor }, choices] = await Promise.all([listArticlesForDashboard({ actor, params }), getEditorChoices()]);
  const nextParams = new URLSearchParams(Object.entries(params).filter((e): e is [string, string] => !!e[1] && e[0] !== 'cursor'));
  if (nextCursor) nextParams.set('cursor', nextCursor);
  return (
    <div>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-bold">Articles</h1>
        <Link href={dashboardRoutes.newArticle()} className="rounded bg-neutral-900 px-3 py-2 text-sm font-semibold text-white hover:bg-neutral-700">
          New article
        </Link>
      </div>
      <FilterForm label="Filter articles" submitLabel="Apply" className="mt-4 flex flex-wrap items-end gap-3">
        <FilterInput label="Headline" name="q" defaultValue={params.q} />
        <FilterSelect
          label="Status"
          name="status"
          defaultValue={params.status}
          options={[...Object.entries(STATUS_LABEL).map(([value, label]) => ({ value, label })), { value: 'TRASH', label: 'Trash' }]}
        />
        <FilterSelect label="Section" name="sectionId" defaultValue={params.sectionId} options={choices.sections.map((x) => ({ value: x.id, label: x.name }))} />
        <FilterSelect label="Author" name="authorId" defaultValue={params.authorId} options={choices.authors.map((x) => ({ value: x.id, label: x.name }))} />
        <FilterSelect label="Campaign" name="campaignId" defaultValue={params.campaignId} options={choices.campaigns.map((x) => ({ value: x.id, label: x.name }))} />
        <FilterSelect
          label="Sort"
          name="sort"
          defaultValue={params.sort ?? 'updated'}
          anyLabel={null}
          options={[
            { value: 'updated', label: 'Last updated' },
            { value: 'created', label: 'Newest' },
            { value: 'headline', label: 'Headline A–Z' },
          ]}
        />
      </FilterForm>
      {items.length === 0 ? (
        <p className="mt-6 text-neutral-700">No articles match.</p>
      ) : (
        <table className="mt-6 w-full border-collapse text-left text-sm">
          <thead>
            <tr className="border-b border-neutral-300">
              <th scope="col" className="py-2 pr-3">Headline</th>
              <th scope="col" className="py-2 pr-3">Status</th>
              <th scope="col" className="py-2 pr-3">Section</th>
              <th scope="col" className="py-2 pr-3">Byline</th>
              <th scope="col" className="py-2">Updated</th>
            </tr>
          </thead>
          <tbody>
            {items.map((a) => (
              <tr key={a.id} className="border-b border-neutral-200 bg-white">
                <td className="py-2 pr-3">
                  <Link href={dashboardRoutes.article(a.id)} className="font-semibold text-blue-800 underline-offset-2 hover:underline">
                    {a.headline}
                  </Link>
                </td>
                <td className="py-2 pr-3">
                  {a.deletedAt ? TRASHED_LABEL : STATUS_LABEL[a.status]}
                  {a.status === 'SCHEDULED' && a.scheduledAt && <span className="block text-xs text-neutral-600">{formatDateTime(a.scheduledAt)}</span>}
                </td>
                <td className="py-2 pr-3">{a.section.name}</td>
                <td className="py-2 pr-3">{a.bylineText}</td>
                <td className="py-2">
                  <time dateTime={a.updatedAt.toISOString()}>{formatDateTime(a.updatedAt)}</time>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {nextCursor && (
        <p className="mt-4">
          <Link href={dashboardRoutes.articles(nextParams)} className="text-blue-800 underline">
            Next page
          </Link>
        </p>
      )}
    </div>
  );
}
