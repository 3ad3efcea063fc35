'use server';

import type { ActionResult, FormState } from '@/lib/operations/action-result';
import { runAsFormAction } from '@/lib/operations/server-action';
import {
  createNewsletter,
  deleteNewsletter,
  sendNewsletterArticle,
  sendNewsletterTest,
  updateNewsletter,
} from '@/lib/newsletters/newsletter-writes';
import { redirect } from 'next/navigation';
import { dashboardRoutes } from '@/lib/routes';

// Ids in the form are only the request: each operation checks the actor from the session.
const options = {
  capability: 'manage:newsletters',
  revalidatePaths: (r: { newsletterId: string }) => [dashboardRoutes.newsletters(), dashboardRoutes.newsletter(r.newsletterId)],
} as const;

const newsletterFields = (form: FormData) => ({
  name: form.get('name') ?? '',
  slug: form.get('slug') ?? '',
  description: form.get('description') ?? '',
  mode: form.get('mode'),
  digestTime: form.get('digestTime') ?? '07:00',
  fullText: form.get('fullText') === 'on',
  senderName: form.get('senderName') ?? '',
  senderEmail: form.get('senderEmail') ?? '',
  sectionIds: form.getAll('sectionIds'),
  enabled: form.get('enabled') === 'on',
});

export async function createNewsletterAction(_prev: FormState, formData: FormData): Promise<ActionResult> {
  return runAsFormAction(createNewsletter, formData, newsletterFields, {
    ...options,
    present: () => ({ message: 'Newsletter added: readers can sign up for it on the site.' }),
    keep: ['name', 'slug', 'description', 'senderName', 'senderEmail'],
  });
}

export async function updateNewsletterAction(_prev: FormState, formData: FormData): Promise<ActionResult> {
  return runAsFormAction(
    updateNewsletter,
    formData,
    (form) => ({ newsletterId: form.get('newsletterId'), version: form.get('version'), ...newsletterFields(form) }),
    { ...options, present: () => ({ message: 'Saved.' }) },
  );
}

/** Deletes a newsletter with its subscriptions and send log, then goes back to the list. */
export async function deleteNewsletterAction(_prev: FormState, formData: FormData): Promise<ActionResult> {
  const result = await runAsFormAction(deleteNewsletter, formData, (form) => ({ newsletterId: form.get('newsletterId') }), options);
  if (result.ok) redirect(dashboardRoutes.newsletters());
  return result;
}

const sendFields = (form: FormData) => ({ newsletterId: form.get('newsletterId'), articleId: form.get('articleId') });

export async function sendNewsletterTestAction(_prev: FormState, formData: FormData): Promise<ActionResult> {
  return runAsFormAction(sendNewsletterTest, formData, sendFields, {
    ...options,
    present: (r) => ({ message: `Test queued to ${r.to}: it arrives in a few seconds, and shows in the send log.` }),
  });
}

export async function sendNewsletterArticleAction(_prev: FormState, formData: FormData): Promise<ActionResult> {
  return runAsFormAction(sendNewsletterArticle, formData, sendFields, {
    ...options,
    present: () => ({ message: 'Sending to every subscriber: follow it in the send log.' }),
  });
}
