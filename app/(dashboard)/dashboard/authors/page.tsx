import { RecordForm, type RecordField } from '@/components/dashboard/record-form';
import { RecordItem, RecordManagerPage, recordListClass } from '@/components/dashboard/record-manager';
import { rolesWith } from '@/lib/auth/permissions';
import { requireActor } from '@/lib/auth/session';
import { getAuthorFormOptions, listAuthorsForManagement } from '@/lib/authors/queries';
import { createAuthorAction, updateAuthorAction } from './actions';
import { authorPath, mediaPath } from '@/lib/routes';

export const metadata = { title: 'Authors' };

type Row = Awaited<ReturnType<typeof listAuthorsForManagement>>[number];
type Options = Awaited<ReturnType<typeof getAuthorFormOptions>>;

function fieldsOf(options: Options, a?: Row): RecordField[] {
  const photos = [
    { value: '', label: 'No photo' },
    ...options.images.map((i) => ({ value: i.id, label: `${i.alt || 'Untitled image'} (${i.width}×${i.height})` })),
  ];
  const users = [
    { value: '', label: 'Not linked to a user' },
    ...options.users
      .filter((u) => !u.author || u.author.id === a?.id)
      .map((u) => ({ value: u.id, label: `${u.name} <${u.email}>${u.disabled ? ' (disabled)' : ''}` })),
  ];
  return [
    { name: 'name', label: 'Name', defaultValue: a?.name, required: true, maxLength: 120 },
    {
      name: 'slug',
      label: 'Slug',
      defaultValue: a?.slug,
      maxLength: 80,
      hint: a ? 'Changing it redirects the old author page.' : 'Leave blank to make it from the name.',
    },
    { name: 'jobTitle', label: 'Job title', defaultValue: a?.jobTitle ?? '', maxLength: 120 },
    { name: 'organisation', label: 'Organisation', defaultValue: a?.organisation ?? '', maxLength: 120 },
    {
      name: 'photoId',
      label: 'Photo',
      defaultValue: a?.photoId ?? '',
      options: photos,
      hint: 'Chosen from the media library, newest first.',
    },
    {
      name: 'userId',
      label: 'Linked user',
      defaultValue: a?.userId ?? '',
      options: users,
      hint: 'A linked writer is put on the byline of the articles they create.',
    },
    { name: 'bio', label: 'Bio', defaultValue: a?.bio ?? '', rows: 4, maxLength: 2000, wide: true },
  ];
}

export default async function AuthorsPage() {
  const actor = await requireActor({ roles: rolesWith('manage:authors') });
  const authors = await listAuthorsForManagement({ actor });
  const options = await getAuthorFormOptions({ actor });
  return (
    <RecordManagerPage
      title="Authors"
      createHeading="New author"
      createForm={
        <RecordForm
          action={createAuthorAction}
          label="Create an author"
          submitLabel="Create author"
          fields={fieldsOf(options)}
          idPrefix="new-author"
        />
      }
      listHeading={`All authors (${authors.length})`}
    >
      <ul className={recordListClass}>
        {authors.map((a) => (
          <RecordItem
            key={a.id}
            name={a.name}
            href={authorPath(a.slug)}
            articleCount={a._count.articles}
            testId={`author-${a.slug}`}
            lead={
              a.photo ? (
                // eslint-disable-next-line @next/next/no-img-element -- a small dashboard thumbnail from our own media route
                <img
                  src={mediaPath(a.photo.storageKey)}
                  alt={a.photo.alt}
                  width={48}
                  height={48}
                  className="size-12 rounded-full object-cover"
                />
              ) : null
            }
            meta={
              <>
                {a.jobTitle || a.organisation ? (
                  <span className="text-sm text-neutral-700">{[a.jobTitle, a.organisation].filter(Boolean).join(', ')}</span>
                ) : null}
                {a.user ? <span className="text-xs text-neutral-600">User: {a.user.email}</span> : null}
              </>
            }
            editForm={
              <RecordForm
                action={updateAuthorAction}
                label={`Edit ${a.name}`}
                submitLabel="Save author"
                fields={fieldsOf(options, a)}
                hidden={{ id: a.id, version: String(a.version) }}
                idPrefix={`author-${a.id}`}
              />
            }
          />
        ))}
      </ul>
    </RecordManagerPage>
  );
}
