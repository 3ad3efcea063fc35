import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { ActionForm } from '@/components/dashboard/action-form';
import { SendByHandForm } from '@/components/dashboard/send-by-hand-form';
import { rolesWith } from '@/lib/auth/permissions';
import { requireActor } from '@/lib/auth/session';
import { listArticlesToSend, listNewslettersForManagement } from '@/lib/newsletters/queries';
import { dashboardRoutes } from '@/lib/routes';
import { listSectionsForManagement } from '@/lib/sections/queries';
import { deleteNewsletterAction, sendNewsletterArticleAction, sendNewsletterTestAction, updateNewsletterAction } from '../actions';
import { NewsletterFields, scheduleOf, SendLog } from '../newsletter-parts';

export const metadata: Metadata = { title: 'Newsletter' };

type Props = { params: Promise<{ id: string }> };

/** One newsletter: send an article by hand after a test, read its send log, edit or delete it. Editors and admins. */
export default async function NewsletterPage({ params }: Props) {
  const actor = await requireActor({ roles: rolesWith('manage:newsletters') });
  const { id } = await params;
  const [[n], sections, articles] = await Promise.all([
    listNewslettersForManagement({ actor, newsletterId: id }),
    listSectionsForManagement({ actor }),
    listArticlesToSend({ actor }),
  ]);
  if (!n) notFound();
  return (
    <div className="space-y-6">
      <p className="text-sm">
        <Link href={dashboardRoutes.newsletters()} className="underline">
          ← Newsletters
        </Link>
      </p>
      <header className="space-y-1">
        <h1 id={`newsletter-${n.id}`} className="text-2xl font-bold">
          {n.name} {n.enabled ? null : <span className="text-base font-normal text-neutral-700">(disabled)</span>}
        </h1>
        <p className="text-sm text-neutral-700">
          {scheduleOf(n)} · {n.active} subscribers
          {n.pending ? ` · ${n.pending} awaiting confirmation` : ''} · from {n.senderName} &lt;{n.senderEmail}&gt;
        </p>
        {n.description ? <p className="text-sm">{n.description}</p> : null}
      </header>
      <section aria-labelledby="send-by-hand" className="space-y-2 rounded border border-neutral-300 bg-white p-4">
        <h2 id="send-by-hand" className="text-lg font-semibold">
          Send an article by hand
        </h2>
        <p className="text-xs text-neutral-700">
          Choose an article and send yourself a test; when it reads well, send it to every subscriber. A newsletter sends
          each article once.
        </p>
        <SendByHandForm
          newsletter={{ id: n.id, name: n.name, active: n.active }}
          articles={articles.map((a) => ({ id: a.id, label: `${a.headline} (${a.section.name})` }))}
          testAction={sendNewsletterTestAction}
          sendAction={sendNewsletterArticleAction}
        />
      </section>
      <section aria-labelledby="send-log" className="space-y-2 rounded border border-neutral-300 bg-white p-4">
        <h2 id="send-log" className="text-lg font-semibold">
          Send log
        </h2>
        <SendLog actor={actor} newsletterId={n.id} />
      </section>
      <section aria-labelledby="edit-newsletter" className="rounded border border-neutral-300 bg-white p-4">
        <h2 id="edit-newsletter" className="text-lg font-semibold">
          Edit {n.name}
        </h2>
        <ActionForm action={updateNewsletterAction} label={`Edit ${n.name}`} submitLabel="Save" className="mt-3 space-y-3">
          <input type="hidden" name="newsletterId" value={n.id} />
          <input type="hidden" name="version" value={n.version} />
          <NewsletterFields newsletter={n} sections={sections} idPrefix={`edit-${n.id}`} />
        </ActionForm>
        <ActionForm
          action={deleteNewsletterAction}
          label={`Delete ${n.name}`}
          submitLabel="Delete newsletter"
          danger
          className="mt-4 flex gap-2"
        >
          <input type="hidden" name="newsletterId" value={n.id} />
        </ActionForm>
      </section>
    </div>
  );
}
