import { RecordForm, type RecordField } from '@/components/dashboard/record-form';
import { RecordItem, RecordManagerPage, recordListClass } from '@/components/dashboard/record-manager';
import { rolesWith } from '@/lib/auth/permissions';
import { requireActor } from '@/lib/auth/session';
import { listCampaignsForManagement } from '@/lib/campaigns/queries';
import { formatDate } from '@/lib/text/format-date';
import { createCampaignAction, updateCampaignAction } from './actions';
import { campaignPath } from '@/lib/routes';

export const metadata = { title: 'Campaigns' };

type Row = Awaited<ReturnType<typeof listCampaignsForManagement>>[number];

const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : '');

function fieldsOf(c?: Row): RecordField[] {
  return [
    { name: 'name', label: 'Name', defaultValue: c?.name, required: true, maxLength: 120 },
    {
      name: 'slug',
      label: 'Slug',
      defaultValue: c?.slug,
      maxLength: 80,
      hint: c ? 'Changing it redirects the old campaign page.' : 'Leave blank to make it from the name.',
    },
    {
      name: 'partnerName',
      label: 'Partner name',
      defaultValue: c?.partnerName ?? '',
      maxLength: 120,
      hint: 'When a partner produces or pays for the campaign.',
    },
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
    <RecordManagerPage
      title="Campaigns"
      createHeading="New campaign"
      createForm={
        <RecordForm
          action={createCampaignAction}
          label="Create a campaign"
          submitLabel="Create campaign"
          fields={fieldsOf()}
          idPrefix="new-campaign"
        />
      }
      listHeading={`All campaigns (${campaigns.length})`}
    >
      <ul className={recordListClass}>
        {campaigns.map((c) => (
          <RecordItem
            key={c.id}
            name={c.name}
            href={campaignPath(c.slug)}
            articleCount={c._count.articles}
            testId={`campaign-${c.slug}`}
            meta={
              <>
                <span className="text-xs text-neutral-600">{period(c)}</span>
                {c.partnerName ? (
                  <span className="rounded bg-amber-100 px-2 py-0.5 text-xs text-amber-950">Partner: {c.partnerName}</span>
                ) : null}
              </>
            }
            editForm={
              <RecordForm
                action={updateCampaignAction}
                label={`Edit ${c.name}`}
                submitLabel="Save campaign"
                fields={fieldsOf(c)}
                hidden={{ id: c.id, version: String(c.version) }}
                idPrefix={`campaign-${c.id}`}
              />
            }
          />
        ))}
      </ul>
    </RecordManagerPage>
  );
}
