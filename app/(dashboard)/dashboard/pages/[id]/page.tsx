import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { ActionForm } from '@/components/dashboard/action-form';
import { PageForm } from '@/components/dashboard/page-form';
import { listRecentImages } from '@/lib/articles/dashboard-queries';
import { rolesWith } from '@/lib/auth/permissions';
import { requireActor } from '@/lib/auth/session';
import { getPageForEditing } from '@/lib/pages/queries';
import { dashboardRoutes, mediaPath, standingPagePath } from '@/lib/routes';
import { formatDateTime } from '@/lib/text/format-date';
import { deletePageAction, updatePageAction } from '../actions';

export const metadata: Metadata = { title: 'Edit page' };

type Props = { params: Promise<{ id: string }> };

/** Editing a standing page, and deleting it. Editors and admins. */
export default async function EditPagePage({ params }: Props) {
  const actor = await requireActor({ roles: rolesWith('manage:pages') });
  const { id } = await params;
  const [page, images] = await Promise.all([getPageForEditing({ actor, id }), listRecentImages({ take: 40 })]);
  if (!page) notFound();
  return (
    <div className="space-y-6">
      <p className="text-sm">
        <Link href={dashboardRoutes.pages()} className="underline">
          ← Pages
        </Link>
      </p>
      <div className="flex flex-wrap items-baseline justify-between gap-3">
        <h1 className="text-2xl font-bold">Edit “{page.title}”</h1>
        <p className="text-sm text-neutral-700">
          <a href={standingPagePath(page.slug)} className="text-blue-800 underline">
            View {standingPagePath(page.slug)}
          </a>{' '}
          · last saved {formatDateTime(page.updatedAt)}
        </p>
      </div>
      <PageForm
        // Not keyed by version: after a save the form stays (with its "Saved." status and what was typed,
        // which is what was saved) and only the hidden version moves on.
        key={page.id}
        action={updatePageAction}
        label={`Edit ${page.title}`}
        submitLabel="Save page"
        existing
        hidden={{ id: page.id, version: String(page.version) }}
        images={images.map((i) => ({ id: i.id, src: mediaPath(i.storageKey), alt: i.alt, caption: i.caption, credit: i.credit, width: i.width, height: i.height }))}
        initial={{ title: page.title, slug: page.slug, standfirst: page.standfirst, role: page.role, showInFooter: page.showInFooter, position: page.position, body: page.body }}
      />
      <section aria-labelledby="delete-heading" className="space-y-2 rounded border border-red-200 bg-white p-4">
        <h2 id="delete-heading" className="text-lg font-semibold">
          Delete
        </h2>
        <p className="text-sm text-neutral-700">The page leaves the footer and its address answers “not found”.</p>
        <ActionForm action={deletePageAction} label={`Delete ${page.title}`} submitLabel="Delete page" danger>
          <input type="hidden" name="id" value={page.id} />
          <input type="hidden" name="version" value={String(page.version)} />
        </ActionForm>
      </section>
    </div>
  );
}
