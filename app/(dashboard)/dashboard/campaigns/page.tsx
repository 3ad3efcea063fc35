import { RecordForm, type RecordField } from '@/components/dashboard/record-form';
import { rolesWith } from '@/lib/auth/permissions';
import { requireActor } from '@/lib/auth/session';
import { listCampaignsForManagement } from '@/lib/campaigns/queries';
import { formatDate } from '@/lib/text/format-date';
import { createCampaignAction, updateCampaignAction } from './actions';

export const metadata = { title: 'Campaigns' };

type Row = Awaited<ReturnType<typeof listCampaignsForManagement>>[number];

const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : '');

function fieldsOf(c?: Row): RecordField[] {
  return [
    { name: 'name', label: 'Name', defaultValue: c?.name, required: true, maxLength: 120 },
    { name: 'slug', label: 'Slug', defaultValue: c?.slug, maxLength: 80, hint: c ? 'Changing it redirects the old campaign page.' : 'Leave blank to make it from the name.' },
    { name: 'partnerName', label: 'Partner name', defaultValue: c?.partnerName ?? '', maxLength: 120, hint: 'When a partner produces or pays for the campaign.' },
    {
      name: 'disclosureLabel',
      label: 'Disclosure label',
      defaultValue: c?.disclosureLabel ?? '',
      maxLength: 160,
      hint: 'Shown on every partner or sponsored article of the campaign, e.g. “Paid for by MedCity”.',
    },
    { name: 'startsOn', label: 'Starts on (UTC)', type: 'date', defaultValue: day(c?.startsAt ?? null) },
    { name: 'endsOn', label: 'Ends on (UTC, inclusive)', type: 'date', defaultValue: day(c?.endsAt ?? null) },
    { name: 'description', label: 'Description', defaultValue: c?.description ?? '', rows: 3, maxLength: 1000, wide: true },
  ];
}

function period(c: Row): string {
  if (!c.startsAt && !c.endsAt) return 'No dates';
  return `${c.startsAt ? formatDate(c.startsAt) : '…'} – ${c.endsAt ? formatDate(c.endsAt) : '…'}`;
}

export default async function CampaignsPage() {
  const actor = await requireActor({ roles: rolesWith('manage:campaigns') });
  const campaigns = await listCampaignsForManagement({ actor });
  return (
    <div className="space-y-8">
      <h1 className="text-2xl font-bold">Campaigns</h1>
      <section aria-labelledby="new-campaign" className="space-y-3">
        <h2 id="new-campaign" className="text-lg font-semibold">
          New campaign
        </h2>
        <div className="rounded border border-neutral-200 bg-white p-4">
          <RecordForm action={createCampaignAction} label="Create a campaign" submitLabel="Create campaign" fields={fieldsOf()} idPrefix="new-campaign" />
        </div>
      </section>
      <section aria-labelledby="all-campaigns" className="space-y-3">
        <h2 id="all-campaigns" className="text-lg font-semibold">
          All campaigns ({campaigns.length})
        </h2>
        <ul className="divide-y divide-neutral-200 rounded border border-neutral-200 bg-white">
          {campaigns.map((c) => (
            <li key={c.id} className="space-y-3 p-4" data-testid={`campaign-${c.slug}`}>
              <div className="flex flex-wrap items-baseline gap-x-3">
                <h3 className="font-semibold">{c.name}</h3>
                <a href={`/campaigns/${c.slug}`} className="text-sm text-blue-800 underline">
                  /campaigns/{c.slug}
                </a>
                <span className="text-xs text-neutral-600">{period(c)}</span>
                {c.partnerName ? <span className="rounded bg-amber-100 px-2 py-0.5 text-xs text-amber-950">Partner: {c.partnerName}</span> : null}
                <span className="text-xs text-neutral-600">
                  {c._count.articles} article{c._count.articles === 1 ? '' : 's'}
                </span>
              </div>
              <details className="rounded border border-neutral-200 p-3">
                <summary className="cursor-pointer text-sm font-medium">Edit {c.name}</summary>
                <div className="mt-3">
                  <RecordForm action={updateCampaignAction} label={`Edit ${c.name}`} submitLabel="Save campaign" fields={fieldsOf(c)} hidden={{ id: c.id, version: String(c.version) }} idPrefix={`campaign-${c.id}`} />
                </div>
              </details>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
