import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { ActionForm } from '@/components/dashboard/action-form';
import { ImageTextForm } from '@/components/dashboard/image-text-form';
import { STATUS_LABEL } from '@/lib/articles/status-labels';
import { requireActor } from '@/lib/auth/session';
import { isAppError } from '@/lib/errors';
import { canDeleteImage, canEditImage } from '@/lib/media/permissions';
import { getImageOrThrow, whereUsed } from '@/lib/media/queries';
import { formatDateTime } from '@/lib/text/format-date';
import { deleteImageAction, updateImageAction } from '../actions';
import { dashboardRoutes } from '@/lib/routes';

export const metadata: Metadata = { title: 'Image' };

type Props = { params: Promise<{ id: string }> };

async function load(actor: Awaited<ReturnType<typeof requireActor>>, imageId: string) {
  try {
    const image = await getImageOrThrow({ actor, imageId });
    return { image, usage: await whereUsed({ actor, imageId }) };
  } catch (error) {
    if (isAppError(error, 'NOT_FOUND')) notFound();
    throw error;
  }
}

export default async function MediaImagePage({ params }: Props) {
  const actor = await requireActor();
  const { id } = await params;
  const { image, usage } = await load(actor, id);
  const editable = canEditImage(actor, image);
  return (
    <div className="space-y-6">
      <p className="text-sm">
        <Link href={dashboardRoutes.media()} className="underline">
          ← Media
        </Link>
      </p>
      <h1 className="text-2xl font-bold">{image.alt || 'Image without alt text'}</h1>
      <div className="grid gap-6 lg:grid-cols-2">
        <figure className="space-y-2">
          {/* eslint-disable-next-line @next/next/no-img-element -- the stored upload itself */}
          <img src={image.src} alt={image.alt} width={image.width} height={image.height} className="h-auto w-full rounded border border-neutral-200 bg-neutral-100" />
          <figcaption className="text-sm text-neutral-700">
            {image.caption} {image.credit ? <span className="text-neutral-600">{image.credit}</span> : null}
          </figcaption>
          <dl className="grid grid-cols-[auto_1fr] gap-x-4 text-sm">
            <dt className="font-medium">Size</dt>
            <dd>
              {image.width} × {image.height} pixels, {Math.max(1, Math.round(image.bytes / 1024))} KB, {image.mimeType}
            </dd>
            <dt className="font-medium">Uploaded</dt>
            <dd>
              {formatDateTime(image.createdAt)} by {image.uploadedBy?.name ?? 'unknown'}
            </dd>
          </dl>
        </figure>
        <div className="space-y-6">
          <section aria-labelledby="text-heading" className="space-y-3 rounded border border-neutral-200 bg-white p-4">
            <h2 id="text-heading" className="text-lg font-semibold">
              Alt text, caption and credit
            </h2>
            {editable ? (
              <ImageTextForm image={image} action={updateImageAction} />
            ) : (
              <p className="text-sm text-neutral-700">Only editors and the person who uploaded this image may change its text.</p>
            )}
          </section>
          <section aria-labelledby="used-heading" className="space-y-2 rounded border border-neutral-200 bg-white p-4">
            <h2 id="used-heading" className="text-lg font-semibold">
              Where it is used
            </h2>
            {usage.inUse ? (
              <ul className="list-disc space-y-1 pl-5 text-sm" aria-label="Uses of this image">
                {usage.articles.map((a) => (
                  <li key={a.id}>
                    <Link href={dashboardRoutes.article(a.id)} className="underline">
                      {a.headline}
                    </Link>{' '}
                    <span className="text-neutral-700">
                      ({[a.asHero ? 'hero image' : null, a.inline ? 'in the text' : null].filter(Boolean).join(', ')}; {a.trashed ? 'in the trash' : STATUS_LABEL[a.status]})
                    </span>
                  </li>
                ))}
                {usage.hiddenArticleCount ? (
                  <li>
                    {usage.hiddenArticleCount} article{usage.hiddenArticleCount === 1 ? '' : 's'} you cannot open
                  </li>
                ) : null}
                {usage.authors.map((a) => (
                  <li key={a.id}>Photo of the author {a.name}</li>
                ))}
                {usage.pages.map((p) => (
                  <li key={p.id}>
                    <Link href={dashboardRoutes.page(p.id)} className="underline">
                      {p.title}
                    </Link>{' '}
                    <span className="text-neutral-700">(in the text of the page)</span>
                  </li>
                ))}
              </ul>
            ) : (
              <p className="text-sm text-neutral-700">Not used anywhere.</p>
            )}
          </section>
          {canDeleteImage(actor, image) ? (
            <section aria-labelledby="delete-heading" className="space-y-2 rounded border border-red-200 bg-white p-4">
              <h2 id="delete-heading" className="text-lg font-semibold">
                Delete
              </h2>
              <p className="text-sm text-neutral-700">
                {usage.inUse ? 'This image is in use: it cannot be deleted until it is replaced everywhere above.' : 'The image and its file are removed for good.'}
              </p>
              <ActionForm action={deleteImageAction} label="Delete this image" submitLabel="Delete image" danger>
                <input type="hidden" name="imageId" value={image.id} />
              </ActionForm>
            </section>
          ) : null}
        </div>
      </div>
    </div>
  );
}
