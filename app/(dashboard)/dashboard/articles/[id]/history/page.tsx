import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { RestoreRevisionButton } from '@/components/dashboard/restore-revision-button';
import { requireActor } from '@/lib/auth/session';
import { getRevisionTextOrThrow, listRevisions } from '@/lib/articles/dashboard-queries';
import { CORRECTION_KIND_LABEL } from '@/lib/articles/corrections';
import { diffWords, type DiffPart } from '@/lib/articles/decide-diff';
import { isAppError } from '@/lib/errors';
import { formatDateTime } from '@/lib/text/format-date';
import { restoreRevisionAction } from '../../actions';
import { dashboardRoutes } from '@/lib/routes';

export const metadata: Metadata = { title: 'History' };

type Props = { params: Promise<{ id: string }>; searchParams: Promise<{ a?: string; b?: string }> };

function Diff({ label, parts }: { label: string; parts: DiffPart[] }) {
  return (
    <section className="mt-4">
      <h3 className="text-sm font-semibold">{label}</h3>
      <p className="mt-1 whitespace-pre-wrap rounded border border-neutral-300 bg-white p-3 font-serif">
        {parts.length === 0 && <span className="text-neutral-500">(empty)</span>}
        {parts.map((p, i) =>
          p.kind === 'added' ? (
            <ins key={i} className="bg-green-100 text-green-950 no-underline">
              {p.text}
            </ins>
          ) : p.kind === 'removed' ? (
            <del key={i} className="bg-red-100 text-red-950">
              {p.text}
            </del>
          ) : (
            <span key={i}>{p.text}</span>
          ),
        )}
      </p>
    </section>
  );
}

/** Every saved version of an article, a word-level diff between any two, and restore. */
export default async function ArticleHistoryPage({ params, searchParams }: Props) {
  const actor = await requireActor();
  const { id } = await params;
  const sp = await searchParams;
  let history;
  try {
    history = await listRevisions({ actor, articleId: id });
  } catch (error) {
    if (isAppError(error, 'NOT_FOUND')) notFound();
    throw error;
  }
  const { article, revisions } = history;
  const newest = revisions[0]?.version ?? 1;
  const b = Number(sp.b) || newest;
  const a = Number(sp.a) || Math.max(1, b - 1);
  let diff: { a: Awaited<ReturnType<typeof getRevisionTextOrThrow>>; b: Awaited<ReturnType<typeof getRevisionTextOrThrow>> } | null = null;
  try {
    diff = { a: await getRevisionTextOrThrow({ actor, articleId: id, version: a }), b: await getRevisionTextOrThrow({ actor, articleId: id, version: b }) };
  } catch (error) {
    if (!isAppError(error)) throw error;
  }
  return (
    <div>
      <p className="text-sm">
        <Link href={dashboardRoutes.article(id)} className="text-blue-800 underline">
          ← Back to the editor
        </Link>
      </p>
      <h1 className="mt-2 text-2xl font-bold">History of “{article.headline}”</h1>
      <div className="mt-4 grid gap-6 lg:grid-cols-[20rem_1fr]">
        <section aria-label="Revisions">
          <form method="get" className="mb-3 flex items-end gap-2 text-sm">
            <label className="flex flex-col">
              Compare
              <select name="a" defaultValue={String(a)} className="rounded border border-neutral-400 px-2 py-1">
                {revisions.map((r) => (
                  <option key={r.id} value={r.version}>
                    v{r.version}
                  </option>
                ))}
              </select>
            </label>
            <label className="flex flex-col">
              with
              <select name="b" defaultValue={String(b)} className="rounded border border-neutral-400 px-2 py-1">
                {revisions.map((r) => (
                  <option key={r.id} value={r.version}>
                    v{r.version}
                  </option>
                ))}
              </select>
            </label>
            <button type="submit" className="rounded border border-neutral-500 px-2 py-1">
              Show
            </button>
          </form>
          <ol className="space-y-2">
            {revisions.map((r) => (
              <li key={r.id} className="rounded border border-neutral-300 bg-white p-2 text-sm" data-testid="revision">
                <p className="font-semibold">
                  Version {r.version}
                  {r.version === article.version && ' (current)'}
                </p>
                {r.correction && (
                  <p className="mt-1 border-l-2 border-amber-600 pl-2" data-testid="revision-correction">
                    <span className="font-semibold">
                      {CORRECTION_KIND_LABEL[r.correction.kind]} {r.correction.withdrawn ? 'withdrawn' : 'added'}:
                    </span>{' '}
                    {r.correction.text}
                  </p>
                )}
                <p className="text-neutral-700">
                  {r.editor?.name ?? 'Unknown'} · <time dateTime={r.createdAt.toISOString()}>{formatDateTime(r.createdAt)}</time>
                </p>
                {r.version !== article.version && <RestoreRevisionButton articleId={id} revisionId={r.id} version={r.version} baseVersion={article.version} restore={restoreRevisionAction} />}
              </li>
            ))}
          </ol>
        </section>
        <section aria-label="Differences">
          {diff ? (
            <>
              <h2 className="font-semibold">
                Changes from version {diff.a.version} to version {diff.b.version}
              </h2>
              <Diff label="Headline" parts={diffWords(diff.a.headline, diff.b.headline)} />
              <Diff label="Standfirst" parts={diffWords(diff.a.standfirst, diff.b.standfirst)} />
              <Diff label="Body" parts={diffWords(diff.a.bodyText, diff.b.bodyText)} />
            </>
          ) : (
            <p>Choose two versions to compare.</p>
          )}
        </section>
      </div>
    </div>
  );
}
