import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { ArticleEditor } from '@/components/dashboard/article-editor/article-editor';
import { requireActor } from '@/lib/auth/session';
import { editorContentOf, getArticleForEditOrThrow, getEditorChoices, listRecentImages } from '@/lib/articles/dashboard-queries';
import { canWithdrawCorrection } from '@/lib/articles/corrections';
import { isOwnArticle } from '@/lib/articles/permissions';
import { isPublishedAt } from '@/lib/articles/published';
import { isAppError } from '@/lib/errors';
import { uploadImageAction } from '../../media/actions';
import { addCorrectionAction, copyArticleAction, removeCorrectionAction, heartbeatAction, saveArticleAction, sharePreviewAction, transitionArticleAction } from '../actions';
import { articlePath, mediaPath } from '@/lib/routes';

export const metadata: Metadata = { title: 'Edit article' };

type Props = { params: Promise<{ id: string }> };

/** Loads an article the actor may see, or 404 (another writer's draft does not exist for them). */
async function load(actor: Awaited<ReturnType<typeof requireActor>>, articleId: string) {
  try {
    return await getArticleForEditOrThrow({ actor, articleId });
  } catch (error) {
    if (isAppError(error, 'NOT_FOUND')) notFound();
    throw error;
  }
}

export default async function EditArticlePage({ params }: Props) {
  const actor = await requireActor();
  const { id } = await params;
  const article = await load(actor, id);
  const [choices, images] = await Promise.all([getEditorChoices(), listRecentImages({ take: 40 })]);
  const libraryImages = images.map((i) => ({ id: i.id, src: mediaPath(i.storageKey), alt: i.alt, caption: i.caption, credit: i.credit, width: i.width, height: i.height }));
  if (article.heroImage && !libraryImages.some((i) => i.id === article.heroImage?.id)) {
    const h = article.heroImage;
    libraryImages.unshift({ id: h.id, src: mediaPath(h.storageKey), alt: h.alt, caption: h.caption, credit: h.credit, width: h.width, height: h.height });
  }
  return (
    <div>
      <h1 className="sr-only">Edit “{article.headline}”</h1>
      <ArticleEditor
        key={article.id}
        articleId={article.id}
        version={article.version}
        status={article.status}
        trashed={article.deletedAt !== null}
        isOwn={isOwnArticle(actor, article)}
        role={actor.role}
        lastSavedAt={article.lastSavedAt.toISOString()}
        livePath={article.section && isPublishedAt(article) ? articlePath({ slug: article.slug, section: article.section }) : null}
        choices={{ sections: choices.sections, campaigns: choices.campaigns, authors: choices.authors.map((a) => ({ id: a.id, name: a.name })) }}
        images={libraryImages}
        initial={editorContentOf(article)}
        corrections={article.corrections.map((c) => ({
          id: c.id,
          kind: c.kind,
          text: c.text,
          publishedAt: c.publishedAt.toISOString(),
          by: c.createdBy?.name ?? null,
          withdrawable: canWithdrawCorrection(c.createdAt),
        }))}
        actions={{
          save: saveArticleAction,
          transition: transitionArticleAction,
          copy: copyArticleAction,
          heartbeat: heartbeatAction,
          sharePreview: sharePreviewAction,
          uploadImage: uploadImageAction,
          addCorrection: addCorrectionAction,
          removeCorrection: removeCorrectionAction,
        }}
      />
    </div>
  );
}
