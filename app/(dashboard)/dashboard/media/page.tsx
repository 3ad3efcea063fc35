import type { Metadata } from 'next';
import Link from 'next/link';
import { FilterForm } from '@/components/dashboard/filter-field';
import { ImageUploadForm } from '@/components/dashboard/image-upload-form';
import { requireActor } from '@/lib/auth/session';
import { listImages } from '@/lib/media/queries';
import { formatDateTime } from '@/lib/text/format-date';
import { uploadImageAction } from './actions';
import { dashboardRoutes } from '@/lib/routes';

export const metadata: Metadata = { title: 'Media' };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export default async function MediaPage({ searchParams }: Props) {
  const actor = await requireActor();
  const params = await searchParams;
  const { items, q, page, hasNext } = await listImages({ actor, input: { q: first(params.q), page: first(params.page) } });
  const pageHref = (n: number) => dashboardRoutes.media({ q: q || undefined, page: String(n) });
  return (
    <div className="space-y-8">
      <h1 className="text-2xl font-bold">Media</h1>
      {first(params.deleted) ? (
        <p role="status" className="text-sm text-green-800">
          The image was deleted.
        </p>
      ) : null}
      <section aria-labelledby="upload-heading" className="space-y-3 rounded border border-neutral-200 bg-white p-4">
        <h2 id="upload-heading" className="text-lg font-semibold">
          Upload an image
        </h2>
        <ImageUploadForm label="Upload an image" action={uploadImageAction} />
      </section>
      <section aria-labelledby="library-heading" className="space-y-4">
        <h2 id="library-heading" className="text-lg font-semibold">
          Library
        </h2>
        <FilterForm label="Search images" submitLabel="Search" className="flex flex-wrap items-end gap-2">
          <label className="flex flex-col text-sm">
            Alt text, caption or credit
            <input name="q" type="search" defaultValue={q} maxLength={200} className="rounded border border-neutral-400 bg-white px-2 py-1.5" />
          </label>
        </FilterForm>
        {items.length === 0 ? (
          <p className="text-neutral-700">{q ? `No image matches “${q}”.` : 'No images yet: upload the first one above.'}</p>
        ) : (
          <ul className="grid grid-cols-2 gap-4 sm:grid-cols-3 lg:grid-cols-4" aria-label="Images">
            {items.map((image) => (
              <li key={image.id} className="overflow-hidden rounded border border-neutral-200 bg-white" data-testid="media-item">
                <Link href={dashboardRoutes.image(image.id)} className="block focus:outline-2 focus:outline-offset-2 focus:outline-blue-700">
                  {/* eslint-disable-next-line @next/next/no-img-element -- a thumbnail of a stored upload */}
                  <img src={image.src} alt="" width={image.width} height={image.height} loading="lazy" className="aspect-[4/3] h-auto w-full bg-neutral-100 object-cover" />
                  <span className="block p-2 text-sm">
                    <span className="line-clamp-2 font-medium">{image.alt || 'Image without alt text'}</span>
                    <span className="block text-xs text-neutral-700">
                      {image.width} × {image.height}
                      {image.credit ? ` · ${image.credit}` : ''}
                    </span>
                    <span className="block text-xs text-neutral-600">
                      {image.uploadedBy?.name ?? 'Unknown'}, {formatDateTime(image.createdAt)}
                    </span>
                  </span>
                </Link>
              </li>
            ))}
          </ul>
        )}
        <nav aria-label="Pages" className="flex gap-3 text-sm">
          {page > 1 ? (
            <Link href={pageHref(page - 1)} className="underline">
              Newer images
            </Link>
          ) : null}
          {hasNext ? (
            <Link href={pageHref(page + 1)} className="underline">
              Older images
            </Link>
          ) : null}
        </nav>
      </section>
    </div>
  );
}
