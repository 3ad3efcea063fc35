'use client';

import { useMemo, useState } from 'react';
import { FormMessages } from '@/components/dashboard/form-messages';
import { useFormAction, type FormAction } from '@/components/dashboard/use-form-action';
import { useKeptSelects } from '@/components/dashboard/use-kept-selects';

type Props = {
  newsletter: { id: string; name: string; active: number };
  articles: { id: string; label: string }[];
  /** Sends the chosen article to the editor alone. */
  testAction: FormAction;
  /** Sends it to every subscriber; the operation refuses it until the editor has had a test of that article. */
  sendAction: FormAction;
};

const button =
  'rounded border px-3 py-1.5 text-sm font-medium focus:outline-2 focus:outline-offset-1 focus:outline-blue-700 disabled:opacity-60';

/**
 * One article, chosen once, then two steps: a test to oneself, then the send to everyone. Each button
 * posts the same fields to its own Server Action (so it works without JavaScript too); the answer shown
 * is the last one asked for, once it has come. The chosen article stays chosen after each answer (`useKeptSelects`):
 * otherwise the send would go for the newest article, refused, or sent if its own test went earlier.
 */
export function SendByHandForm({ newsletter, articles, testAction, sendAction }: Props) {
  const [testState, test, testing] = useFormAction(testAction);
  const [sendState, send, sending] = useFormAction(sendAction);
  const [last, setLast] = useState<'test' | 'send'>('test');
  // Either button's answer resets the form; which one is shown does not.
  const kept = useKeptSelects(useMemo(() => [testState, sendState], [testState, sendState]));
  const selectId = `send-article-${newsletter.id}`;
  const pending = testing || sending;
  // While a button's answer is awaited, the other's older answer is not shown as if it were this one's.
  const shown = pending ? {} : last === 'test' ? testState : sendState;
  return (
    <form {...kept} action={test} aria-label={`Send an article of ${newsletter.name} by hand`} className="flex flex-wrap items-end gap-2">
      <input type="hidden" name="newsletterId" value={newsletter.id} />
      <div className="flex w-full max-w-md flex-col gap-1">
        <label htmlFor={selectId} className="text-sm font-medium">
          Article
        </label>
        <select id={selectId} name="articleId" className="rounded border border-neutral-400 px-2 py-1.5 text-sm">
          {articles.map((a) => (
            <option key={a.id} value={a.id}>
              {a.label}
            </option>
          ))}
        </select>
      </div>
      <button
        type="submit"
        formAction={test}
        onClick={() => setLast('test')}
        disabled={pending}
        className={`${button} border-neutral-500 hover:bg-neutral-100`}
      >
        Send a test to me
      </button>
      <button
        type="submit"
        formAction={send}
        onClick={() => setLast('send')}
        disabled={pending}
        className={`${button} border-blue-800 bg-blue-800 text-white hover:bg-blue-900`}
      >
        Send to {newsletter.active} {newsletter.active === 1 ? 'subscriber' : 'subscribers'}
      </button>
      <FormMessages state={shown} className="w-full" />
    </form>
  );
}
