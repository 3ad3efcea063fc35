import { ActionForm } from '@/components/dashboard/action-form';
import { RecordForm, type RecordField } from '@/components/dashboard/record-form';
import { RecordItem, RecordManagerPage, recordListClass } from '@/components/dashboard/record-manager';
import { rolesWith } from '@/lib/auth/permissions';
import { requireActor } from '@/lib/auth/session';
import { listSectionsForManagement } from '@/lib/sections/queries';
import { createSectionAction, deleteSectionAction, moveSectionAction, updateSectionAction } from './actions';
import { sectionPath } from '@/lib/routes';

export const metadata = { title: 'Sections' };

type Row = Awaited<ReturnType<typeof listSectionsForManagement>>[number]['children'][number];

const SLUG_HINT = 'The section’s address. Changing it redirects the old addresses of the section and its articles.';

function fieldsOf(section?: Row): RecordField[] {
  return [
    { name: 'name', label: 'Name', defaultValue: section?.name, required: true, maxLength: 120 },
    {
      name: 'slug',
      label: 'Slug',
      defaultValue: section?.slug,
      maxLength: 80,
      hint: section ? SLUG_HINT : 'Leave blank to make it from the name.',
    },
    { name: 'description', label: 'Description', defaultValue: section?.description ?? '', rows: 2, maxLength: 500, wide: true },
    ...(section
      ? [
          {
            name: 'place',
            label: `Place in the order (1–${section.siblings})`,
            defaultValue: String(section.place),
            type: 'number' as const,
            min: 1,
          },
        ]
      : []),
  ];
}

function SectionItem({ section, nested, subsections = [] }: { section: Row; nested?: boolean; subsections?: Row[] }) {
  const identity = (
    <>
      <input type="hidden" name="id" value={section.id} />
      <input type="hidden" name="version" value={section.version} />
    </>
  );
  return (
    <RecordItem
      name={section.name}
      href={sectionPath(section.slug)}
      articleCount={section._count.articles}
      testId={`section-${section.slug}`}
      className={nested ? 'ml-6 border-l-2 border-neutral-200' : undefined}
      lead={<span className="text-sm text-neutral-600">{section.place}.</span>}
      actions={
        <>
          {section.place > 1 ? (
            <ActionForm action={moveSectionAction} label={`Move ${section.name} up`} submitLabel="Move up">
              {identity}
              <input type="hidden" name="direction" value="up" />
            </ActionForm>
          ) : null}
          {section.place < section.siblings ? (
            <ActionForm action={moveSectionAction} label={`Move ${section.name} down`} submitLabel="Move down">
              {identity}
              <input type="hidden" name="direction" value="down" />
            </ActionForm>
          ) : null}
          {section._count.articles === 0 ? (
            <ActionForm action={deleteSectionAction} label={`Delete ${section.name}`} submitLabel="Delete" danger>
              {identity}
            </ActionForm>
          ) : null}
        </>
      }
      editForm={
        <RecordForm
          action={updateSectionAction}
          label={`Edit ${section.name}`}
          submitLabel="Save section"
          fields={fieldsOf(section)}
          hidden={{ id: section.id, version: String(section.version) }}
          idPrefix={`section-${section.id}`}
        />
      }
    >
      {subsections.length ? (
        <ol aria-label={`Subsections of ${section.name}`}>
          {subsections.map((child) => (
            <SectionItem key={child.id} section={child} nested />
          ))}
        </ol>
      ) : null}
    </RecordItem>
  );
}

export default async function SectionsPage() {
  const actor = await requireActor({ roles: rolesWith('manage:sections') });
  const sections = await listSectionsForManagement({ actor });
  return (
    <RecordManagerPage
      title="Sections"
      createHeading="New section"
      createForm={
        <RecordForm
          action={createSectionAction}
          label="Create a section"
          submitLabel="Create section"
          fields={fieldsOf()}
          idPrefix="new-section"
        />
      }
      listHeading={`In reader order (${sections.length})`}
    >
      <ol className={recordListClass}>
        {sections.map((section) => (
          <SectionItem key={section.id} section={section} subsections={section.children} />
        ))}
      </ol>
    </RecordManagerPage>
  );
}
