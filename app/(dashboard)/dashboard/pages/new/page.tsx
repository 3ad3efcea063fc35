import type { Metadata } from 'next';
import Link from 'next/link';
import { PageForm } from '@/components/dashboard/page-form';
import { emptyBody } from '@/lib/articles/body-schema';
import { listRecentImages } from '@/lib/articles/dashboard-queries';
import { rolesWith } from '@/lib/auth/permissions';
import { requireActor } from '@/lib/auth/session';
import { dashboardRoutes, mediaPath } from '@/lib/routes';
import { createPageAction } from '../actions';

export const metadata: Metadata = { title: 'New page' };

/** Creating a standing page. Editors and admins. */
export default async function NewPagePage() {
  await requireActor({ roles: rolesWith('manage:pages') });
  const images = await listRecentImages({ take: 40 });
  return (
    <div className="space-y-6">
      <p className="text-sm">
        <Link href={dashboardRoutes.pages()} className="underline">
          ← Pages
        </Link>
      </p>
      <h1 className="text-2xl font-bold">New page</h1>
      <PageForm
        action={createPageAction}
        label="Create a page"
        submitLabel="Create page"
        existing={false}
        images={images.map((i) => ({ id: i.id, src: mediaPath(i.storageKey), alt: i.alt, caption: i.caption, credit: i.credit, width: i.width, height: i.height }))}
        initial={{ title: '', slug: '', standfirst: '', role: null, showInFooter: true, position: 0, body: emptyBody }}
      />
    </div>
  );
}
