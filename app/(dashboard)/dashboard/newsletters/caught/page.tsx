import { rolesWith } from '@/lib/auth/permissions';
import { requireActor } from '@/lib/auth/session';
import { listCaughtEmails } from '@/lib/newsletters/queries';

export const metadata = { title: 'Caught mail' };

/**
 * The mail Masthead's built-in SMTP catcher took (no SMTP_URL: the demo), newest first, so a newcomer
 * sees confirmations and newsletters without a mail server. Admins only: it holds readers' links.
 * The HTML is shown in a sandboxed frame with no scripts and no same-origin access.
 */
export default async function CaughtMailPage() {
  const actor = await requireActor({ roles: rolesWith('read:caught-email') });
  const emails = await listCaughtEmails({ actor });
  return (
    <div className="space-y-6">
      <header>
        <h1 className="text-2xl font-bold">Caught mail</h1>
        <p className="text-sm text-neutral-700">With no SMTP_URL, every email Masthead sends stops here. Set SMTP_URL to send real mail.</p>
      </header>
      {emails.length === 0 ? <p>No mail yet. Sign up for a newsletter on the site to see the confirmation here.</p> : null}
      <ol className="space-y-4">
        {emails.map((e) => (
          <li key={e.id} className="rounded border border-neutral-300 bg-white p-4">
            <details>
              <summary className="cursor-pointer">
                <span className="font-semibold">{e.subject || '(no subject)'}</span>
                <span className="block text-xs text-neutral-700">
                  to {e.to.join(', ')} · from {e.from} · {e.receivedAt.toISOString().slice(0, 19).replace('T', ' ')} UTC
                </span>
              </summary>
              {e.html ? (
                <iframe
                  title={`Email: ${e.subject}`}
                  sandbox=""
                  srcDoc={e.html}
                  className="mt-3 h-[32rem] w-full rounded border border-neutral-200"
                />
              ) : null}
              <pre className="mt-3 overflow-x-auto text-xs whitespace-pre-wrap">{e.text}</pre>
            </details>
          </li>
        ))}
      </ol>
    </div>
  );
}
