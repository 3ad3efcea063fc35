import Link from 'next/link';
import { ActionForm } from '@/components/dashboard/action-form';
import { rolesWith, can } from '@/lib/auth/permissions';
import { requireActor } from '@/lib/auth/session';
import { mailIsCaught } from '@/lib/newsletters/mailer';
import { getNewsletterSendLog, listArticlesToSend, listNewslettersForManagement, type ManagedNewsletter } from '@/lib/newsletters/queries';
import { dashboardRoutes } from '@/lib/routes';
import { listSectionsForManagement } from '@/lib/sections/queries';
import {
  createNewsletterAction,
  deleteNewsletterAction,
  sendNewsletterArticleAction,
  sendNewsletterTestAction,
  updateNewsletterAction,
} from './actions';

export const metadata = { title: 'Newsletters' };

const input = 'block w-full rounded border border-neutral-400 px-3 py-2 text-sm';
const when = (d: Date | null) => (d ? d.toISOString().slice(0, 16).replace('T', ' ') + ' UTC' : '—');
const hhmm = (minute: number) => `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
const KIND = { ARTICLE: 'Article', DIGEST: 'Digest', TEST: 'Test' } as const;
const STATUS = { PREPARING: 'Preparing', SENDING: 'Sending', DONE: 'Done' } as const;

type Section = { id: string; name: string };

/** Name, slug, description, sections, sender, mode and time, full text, enabled: shared by the new and the edit form. */
function NewsletterFields({ newsletter, sections, idPrefix }: { newsletter?: ManagedNewsletter; sections: Section[]; idPrefix: string }) {
  const field = (name: string, label: string, props: Record<string, unknown> = {}) => (
    <div className="space-y-1">
      <label htmlFor={`${idPrefix}-${name}`} className="block text-sm font-medium">
        {label}
      </label>
      <input id={`${idPrefix}-${name}`} name={name} className={input} {...props} />
    </div>
  );
  const followed = new Set(newsletter?.sections.map((s) => s.sectionId) ?? []);
  return (
    <div className="grid w-full gap-3 sm:grid-cols-2">
      {field('name', 'Name', { required: true, maxLength: 120, defaultValue: newsletter?.name, placeholder: 'Daily briefing' })}
      {field('slug', 'Slug (blank: from the name)', { maxLength: 64, defaultValue: newsletter?.slug })}
      <div className="space-y-1 sm:col-span-2">
        <label htmlFor={`${idPrefix}-description`} className="block text-sm font-medium">
          Description (shown on the sign-up form)
        </label>
        <input id={`${idPrefix}-description`} name="description" maxLength={500} defaultValue={newsletter?.description} className={input} />
      </div>
      {field('senderName', 'Sender name', { required: true, maxLength: 120, defaultValue: newsletter?.senderName })}
      {field('senderEmail', 'Sender address', { required: true, type: 'email', maxLength: 254, defaultValue: newsletter?.senderEmail })}
      <fieldset className="space-y-1">
        <legend className="text-sm font-medium">When it goes out</legend>
        <label className="flex items-center gap-2 text-sm">
          <input type="radio" name="mode" value="EACH_ARTICLE" defaultChecked={(newsletter?.mode ?? 'EACH_ARTICLE') === 'EACH_ARTICLE'} />{' '}
          Each article, when it is published
        </label>
        <label className="flex items-center gap-2 text-sm">
          <input type="radio" name="mode" value="DIGEST" defaultChecked={newsletter?.mode === 'DIGEST'} /> A daily digest of the day’s
          articles
        </label>
      </fieldset>
      {field('digestTime', 'Digest time (HH:MM, UTC)', {
        defaultValue: hhmm(newsletter?.digestMinute ?? 420),
        pattern: '[0-2]?[0-9]:[0-5][0-9]',
      })}
      <fieldset className="space-y-1 sm:col-span-2">
        <legend className="text-sm font-medium">Sections it follows (none: every section)</legend>
        <div className="grid gap-1 sm:grid-cols-3">
          {sections.map((s) => (
            <label key={s.id} className="flex items-center gap-2 text-sm">
              <input type="checkbox" name="sectionIds" value={s.id} defaultChecked={followed.has(s.id)} />
              {s.name}
            </label>
          ))}
        </div>
      </fieldset>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" name="fullText" defaultChecked={newsletter?.fullText ?? false} /> Full text in the email
      </label>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" name="enabled" defaultChecked={newsletter?.enabled ?? true} /> Enabled (offered to readers and sent)
      </label>
    </div>
  );
}

async function SendLog({ actor, newsletterId }: { actor: Awaited<ReturnType<typeof requireActor>>; newsletterId: string }) {
  const { sends } = await getNewsletterSendLog({ actor, newsletterId });
  if (sends.length === 0) return <p className="text-sm text-neutral-700">Nothing sent yet.</p>;
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">Sends of this newsletter</caption>
        <thead className="border-b border-neutral-300 text-xs text-neutral-700 uppercase">
          <tr>
            {['Sent', 'Email', 'Status', 'Recipients', 'Delivered', 'Failed', 'Unsubscribed since'].map((h) => (
              <th key={h} scope="col" className="py-2 pr-3">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-neutral-200">
          {sends.map((s) => (
            <tr key={s.id} data-testid={`send-${s.id}`} className="align-top">
              <td className="py-2 pr-3 whitespace-nowrap">{when(s.createdAt)}</td>
              <td className="py-2 pr-3">
                <span className="text-xs text-neutral-700">{KIND[s.kind]}</span> {s.subject || s.article?.headline || '—'}
                {s.kind === 'TEST' && s.testEmail ? <span className="block text-xs text-neutral-700">to {s.testEmail}</span> : null}
                {s.failures.length ? (
                  <details className="mt-1">
                    <summary className="cursor-pointer text-xs text-red-800">Why {s.failed} failed</summary>
                    <ul className="mt-1 space-y-1 text-xs">
                      {s.failures.map((f, i) => (
                        <li key={i}>
                          {f.email}: {f.error}
                        </li>
                      ))}
                    </ul>
                  </details>
                ) : null}
              </td>
              <td className="py-2 pr-3">
                {STATUS[s.status]}
                {s.waiting ? ` (${s.waiting} to go)` : ''}
              </td>
              <td className="py-2 pr-3">{s.recipients}</td>
              <td className="py-2 pr-3">{s.sent}</td>
              <td className="py-2 pr-3">{s.failed}</td>
              <td className="py-2 pr-3">{s.unsubscribed}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Newsletters: add and edit them, send one article by hand after a test, and read every send's log. Editors and admins. */
export default async function NewslettersPage() {
  const actor = await requireActor({ roles: rolesWith('manage:newsletters') });
  const [newsletters, sections, articles] = await Promise.all([
    listNewslettersForManagement({ actor }),
    listSectionsForManagement({ actor }),
    listArticlesToSend({ actor }),
  ]);
  const caught = mailIsCaught();
  return (
    <div className="space-y-8">
      <header className="space-y-2">
        <h1 className="text-2xl font-bold">Newsletters</h1>
        <p className="text-sm text-neutral-700">
          Readers sign up on the front page, section fronts and articles, and confirm by email. Each email has a one-click unsubscribe link
          and a preferences page.
        </p>
        {caught ? (
          <p className="rounded border border-amber-600 bg-amber-50 p-3 text-sm">
            No SMTP_URL is set, so mail stays in Masthead’s built-in catcher and reaches nobody.
            {can(actor, 'read:caught-email') ? (
              <>
                {' '}
                <Link href={dashboardRoutes.caughtEmails()} className="underline">
                  Read the caught mail
                </Link>
                .
              </>
            ) : (
              ' An admin can read it.'
            )}
          </p>
        ) : null}
      </header>

      <section aria-labelledby="new-newsletter" className="rounded border border-neutral-300 bg-white p-4">
        <h2 id="new-newsletter" className="mb-3 text-lg font-semibold">
          New newsletter
        </h2>
        <ActionForm action={createNewsletterAction} label="New newsletter" submitLabel="Add newsletter" className="space-y-3">
          <NewsletterFields sections={sections} idPrefix="new" />
        </ActionForm>
      </section>

      {newsletters.map((n) => (
        <section key={n.id} aria-labelledby={`newsletter-${n.id}`} className="space-y-4 rounded border border-neutral-300 bg-white p-4">
          <header>
            <h2 id={`newsletter-${n.id}`} className="text-lg font-semibold">
              {n.name} {n.enabled ? null : <span className="text-sm font-normal text-neutral-700">(disabled)</span>}
            </h2>
            <p className="text-sm text-neutral-700">
              {n.mode === 'DIGEST' ? `Daily digest at ${hhmm(n.digestMinute)} UTC` : 'Each article on publish'} · {n.active} subscribers
              {n.pending ? ` · ${n.pending} awaiting confirmation` : ''} · from {n.senderName} &lt;{n.senderEmail}&gt;
            </p>
          </header>
          <div className="space-y-2">
            <h3 className="font-semibold">Send an article by hand</h3>
            <p className="text-xs text-neutral-700">
              Send yourself a test first; then send it to every subscriber. A newsletter sends each article once.
            </p>
            {(['test', 'all'] as const).map((which) => (
              <ActionForm
                key={which}
                action={which === 'test' ? sendNewsletterTestAction : sendNewsletterArticleAction}
                label={which === 'test' ? `Send a test of ${n.name} to me` : `Send to every subscriber of ${n.name}`}
                submitLabel={which === 'test' ? 'Send a test to me' : `Send to ${n.active} subscribers`}
              >
                <input type="hidden" name="newsletterId" value={n.id} />
                <label htmlFor={`${which}-article-${n.id}`} className="sr-only">
                  Article
                </label>
                <select
                  id={`${which}-article-${n.id}`}
                  name="articleId"
                  className="max-w-md rounded border border-neutral-400 px-2 py-1.5 text-sm"
                >
                  {articles.map((a) => (
                    <option key={a.id} value={a.id}>
                      {a.headline} ({a.section.name})
                    </option>
                  ))}
                </select>
              </ActionForm>
            ))}
          </div>
          <div className="space-y-2">
            <h3 className="font-semibold">Send log</h3>
            <SendLog actor={actor} newsletterId={n.id} />
          </div>
          <details>
            <summary className="cursor-pointer text-sm font-medium">Edit {n.name}</summary>
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
          </details>
        </section>
      ))}
    </div>
  );
}
