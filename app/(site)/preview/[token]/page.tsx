import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { ArticleView } from '@/components/site/article-view';
import { getSharedPreview } from '@/lib/articles/dashboard-queries';
import { PREVIEW_EXPIRED } from '@/lib/articles/preview-expired';

export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: 'Preview', robots: { index: false, follow: false } };

type Props = { params: Promise<{ token: string }> };

/** A share link's preview: the exact reader page for an unpublished article, for anyone holding a valid, unexpired link. */
export default async function SharedPreviewPage({ params }: Props) {
  const { token } = await params;
  const check = await getSharedPreview({ token });
  // proxy.ts answers an expired link with HTTP 410 before this renders; this stays for any other way in.
  if (!check.ok && check.reason === 'expired') {
    return (
      <div className="mx-auto max-w-xl py-16" role="alert">
        <h1 className="font-serif text-3xl font-bold">{PREVIEW_EXPIRED.title}</h1>
        <p className="mt-4 text-neutral-700">{PREVIEW_EXPIRED.body}</p>
      </div>
    );
  }
  if (!check.ok) notFound();
  return (
    <>
      <p className="mx-auto mb-4 max-w-3xl bg-amber-100 px-3 py-2 text-sm font-semibold text-amber-950" role="note">
        Preview: this article is not published. Link valid until {check.expiresAt.toUTCString()}.
      </p>
      <ArticleView article={check.article} />
    </>
  );
}
