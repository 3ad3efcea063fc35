import { ColumnHeads } from '@/components/dashboard/column-heads';
import { getNewsletterSendLog, type ManagedNewsletter } from '@/lib/newsletters/queries';
import type { Actor } from '@/lib/auth/actor';

/** The dashboard's newsletter forms and tables, shared by the list (app/…/newsletters/page.tsx) and a newsletter's own page. */

const input = 'block w-full rounded border border-neutral-400 px-3 py-2 text-sm';
const when = (d: Date | null) => (d ? d.toISOString().slice(0, 16).replace('T', ' ') + ' UTC' : '—');
const hhmm = (minute: number) => `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
const KIND = { ARTICLE: 'Article', DIGEST: 'Digest', TEST: 'Test' } as const;
const STATUS = { PREPARING: 'Preparing', SENDING: 'Sending', DONE: 'Done' } as const;

/** When a newsletter goes out, in words. */
export const scheduleOf = (n: Pick<ManagedNewsletter, 'mode' | 'digestMinute'>) =>
  n.mode === 'DIGEST' ? `Daily digest at ${hhmm(n.digestMinute)} UTC` : 'Each article on publish';

type Section = { id: string; name: string };

/** Name, slug, description, sections, sender, mode and time, full text, enabled: shared by the new and the edit form. */
export function NewsletterFields({
  newsletter,
  sections,
  idPrefix,
}: {
  newsletter?: ManagedNewsletter;
  sections: Section[];
  idPrefix: string;
}) {
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

export async function SendLog({ actor, newsletterId }: { actor: Actor; newsletterId: string }) {
  const { sends } = await getNewsletterSendLog({ actor, newsletterId });
  if (sends.length === 0) return <p className="text-sm text-neutral-700">Nothing sent yet.</p>;
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">Sends of this newsletter</caption>
        <ColumnHeads headings={['Sent', 'Email', 'Status', 'Recipients', 'Delivered', 'Failed', 'Unsubscribed since']} />
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
