import type { Metadata } from 'next';
import { NewArticleForm } from '@/components/dashboard/new-article-form';
import { requireActor } from '@/lib/auth/session';
import { getEditorChoices } from '@/lib/articles/dashboard-queries';
import { createArticleAction } from '../actions';

export const metadata: Metadata = { title: 'New article' };

export default async function NewArticlePage() {
  await requireActor();
  const { sections } = await getEditorChoices();
  return (
    <div className="max-w-xl">
      <h1 className="text-2xl font-bold">New article</h1>
      <NewArticleForm sections={sections} action={createArticleAction} />
    </div>
  );
}
