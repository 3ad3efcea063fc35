import { ColumnHeads } from '@/components/dashboard/column-heads';
import Link from 'next/link';
import { ActionForm } from '@/components/dashboard/action-form';
import { rolesWith, can } from '@/lib/auth/permissions';
import { requireActor } from '@/lib/auth/session';
import { mailIsCaught } from '@/lib/newsletters/mailer';
import { listNewslettersForManagement } from '@/lib/newsletters/queries';
import { dashboardRoutes } from '@/lib/routes';
import { listSectionsForManagement } from '@/lib/sections/queries';
import { createNewsletterAction } from './actions';
import { NewsletterFields, scheduleOf } from './newsletter-parts';

export const metadata = { title: 'Newsletters' };

/**
 * Newsletters: every one with its schedule and subscribers, each linking to its own page (send by hand,
 * send log, edit); and the form to add one. Editors and admins.
 */
export default async function NewslettersPage() {
  const actor = await requireActor({ roles: rolesWith('manage:newsletters') });
  const [newsletters, sections] = await Promise.all([listNewslettersForManagement({ actor }), listSectionsForManagement({ actor })]);
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

      <section aria-labelledby="all-newsletters" className="rounded border border-neutral-300 bg-white p-4">
        <h2 id="all-newsletters" className="mb-3 text-lg font-semibold">
          All newsletters
        </h2>
        {newsletters.length === 0 ? (
          <p className="text-sm text-neutral-700">No newsletters yet: add the first below.</p>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full text-left text-sm">
              <caption className="sr-only">Newsletters</caption>
              <ColumnHeads headings={['Newsletter', 'When', 'Subscribers', 'Awaiting confirmation', 'Status']} />
              <tbody className="divide-y divide-neutral-200">
                {newsletters.map((n) => (
                  <tr key={n.id} className="align-top">
                    <td className="py-2 pr-3">
                      <Link id={`newsletter-${n.id}`} href={dashboardRoutes.newsletter(n.id)} className="font-medium underline">
                        {n.name}
                      </Link>
                    </td>
                    <td className="py-2 pr-3">{scheduleOf(n)}</td>
                    <td className="py-2 pr-3">{n.active}</td>
                    <td className="py-2 pr-3">{n.pending}</td>
                    <td className="py-2 pr-3">{n.enabled ? 'Enabled' : 'Disabled'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section aria-labelledby="new-newsletter" className="rounded border border-neutral-300 bg-white p-4">
        <h2 id="new-newsletter" className="mb-3 text-lg font-semibold">
          New newsletter
        </h2>
        <ActionForm action={createNewsletterAction} label="New newsletter" submitLabel="Add newsletter" className="space-y-3">
          <NewsletterFields sections={sections} idPrefix="new" />
        </ActionForm>
      </section>
    </div>
  );
}
