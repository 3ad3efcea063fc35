import { ActionForm } from '@/components/dashboard/action-form';
import { RecordForm, type RecordField } from '@/components/dashboard/record-form';
import { rolesWith } from '@/lib/auth/permissions';
import { requireActor } from '@/lib/auth/session';
import { listSectionsForManagement } from '@/lib/sections/queries';
import { createSectionAction, deleteSectionAction, moveSectionAction, updateSectionAction } from './actions';

export const metadata = { title: 'Sections' };

type Row = Awaited<ReturnType<typeof listSectionsForManagement>>[number]['children'][number];

const SLUG_HINT = 'The section’s address. Changing it redirects the old addresses of the section and its articles.';

function fieldsOf(section?: Row): RecordField[] {
  return [
    { name: 'name', label: 'Name', defaultValue: section?.name, required: true, maxLength: 120 },
    { name: 'slug', label: 'Slug', defaultValue: section?.slug, maxLength: 80, hint: section ? SLUG_HINT : 'Leave blank to make it from the name.' },
    { name: 'description', label: 'Description', defaultValue: section?.description ?? '', rows: 2, maxLength: 500, wide: true },
    ...(section ? [{ name: 'place', label: `Place in the order (1–${section.siblings})`, defaultValue: String(section.place), type: 'number' as const, min: 1 }] : []),
  ];
}

function SectionItem({ section, nested, subsections = [] }: { section: Row; nested?: boolean; subsections?: Row[] }) {
  const hidden = { id: section.id, version: String(section.version) };
  return (
    <li className={`space-y-3 p-4 ${nested ? 'ml-6 border-l-2 border-neutral-200' : ''}`} data-testid={`section-${section.slug}`}>
      <div className="flex flex-wrap items-baseline gap-x-3">
        <span className="text-sm text-neutral-600">{section.place}.</span>
        <h3 className="font-semibold">{section.name}</h3>
        <a href={`/${section.slug}`} className="text-sm text-blue-800 underline">
          /{section.slug}
        </a>
        <span className="text-xs text-neutral-600">
          {section._count.articles} article{section._count.articles === 1 ? '' : 's'}
        </span>
      </div>
      <div className="flex flex-wrap gap-2">
        {section.place > 1 ? (
          <ActionForm action={moveSectionAction} label={`Move ${section.name} up`} submitLabel="Move up">
            <input type="hidden" name="id" value={section.id} />
            <input type="hidden" name="version" value={section.version} />
            <input type="hidden" name="direction" value="up" />
          </ActionForm>
        ) : null}
        {section.place < section.siblings ? (
          <ActionForm action={moveSectionAction} label={`Move ${section.name} down`} submitLabel="Move down">
            <input type="hidden" name="id" value={section.id} />
            <input type="hidden" name="version" value={section.version} />
            <input type="hidden" name="direction" value="down" />
          </ActionForm>
        ) : null}
        {section._count.articles === 0 ? (
          <ActionForm action={deleteSectionAction} label={`Delete ${section.name}`} submitLabel="Delete" danger>
            <input type="hidden" name="id" value={section.id} />
            <input type="hidden" name="version" value={section.version} />
          </ActionForm>
        ) : null}
      </div>
      <details className="rounded border border-neutral-200 p-3">
        <summary className="cursor-pointer text-sm font-medium">Edit {section.name}</summary>
        <div className="mt-3">
          <RecordForm action={updateSectionAction} label={`Edit ${section.name}`} submitLabel="Save section" fields={fieldsOf(section)} hidden={hidden} idPrefix={`section-${section.id}`} />
        </div>
      </details>
      {subsections.length ? (
        <ol aria-label={`Subsections of ${section.name}`}>
          {subsections.map((child) => (
            <SectionItem key={child.id} section={child} nested />
          ))}
        </ol>
      ) : null}
    </li>
  );
}

export default async function SectionsPage() {
  const actor = await requireActor({ roles: rolesWith('manage:sections') });
  const sections = await listSectionsForManagement({ actor });
  return (
    <div className="space-y-8">
      <h1 className="text-2xl font-bold">Sections</h1>
      <section aria-labelledby="new-section" className="space-y-3">
        <h2 id="new-section" className="text-lg font-semibold">
          New section
        </h2>
        <div className="rounded border border-neutral-200 bg-white p-4">
          <RecordForm action={createSectionAction} label="Create a section" submitLabel="Create section" fields={fieldsOf()} idPrefix="new-section" />
        </div>
      </section>
      <section aria-labelledby="all-sections" className="space-y-3">
        <h2 id="all-sections" className="text-lg font-semibold">
          In reader order ({sections.length})
        </h2>
        <ol className="divide-y divide-neutral-200 rounded border border-neutral-200 bg-white">
          {sections.map((section) => (
            <SectionItem key={section.id} section={section} subsections={section.children} />
          ))}
        </ol>
      </section>
    </div>
  );
}
