'use server';

import { AuthError } from 'next-auth';
import { signIn, signOut, ThrottledSignIn } from '@/lib/auth/next-auth';
import { decideCallbackUrl } from '@/lib/auth/decide-callback-url';
import { INVALID_CREDENTIALS } from './messages';

export type LoginState = { error?: string; email?: string };

/**
 * Signs in through Auth.js (Credentials); on success Auth.js sets the cookie and we redirect. Called with
 * anything but the login form's FormData (a hand-made request), it answers the usual refusal.
 */
export async function loginAction(_prev: unknown, formData: unknown): Promise<LoginState> {
  if (!(formData instanceof FormData)) return { error: INVALID_CREDENTIALS };
  const email = formData.get('email');
  const password = formData.get('password');
  const redirectTo = decideCallbackUrl(formData.get('callbackUrl'));
  const emailText = typeof email === 'string' ? email.slice(0, 320) : '';
  try {
    await signIn('credentials', { email: emailText, password: typeof password === 'string' ? password : '', redirectTo });
  } catch (error) {
    if (error instanceof ThrottledSignIn) {
      const minutes = Math.max(1, Math.ceil(error.retryAfterSeconds / 60));
      return { email: emailText, error: `Too many sign-in attempts. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.` };
    }
    if (error instanceof AuthError) return { email: emailText, error: INVALID_CREDENTIALS };
    throw error; // Next's redirect after a successful sign-in
  }
  return {};
}

/** Ends the session (Auth.js deletes the cookie) and returns to the sign-in page. */
export async function logoutAction(): Promise<void> {
  await signOut({ redirectTo: '/login?signedOut=1' });
}
