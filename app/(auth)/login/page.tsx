import type { Metadata } from 'next';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { signInAddressProblem } from '@/lib/auth/decide-sign-in-address';
import { getActor } from '@/lib/auth/session';
import { decideCallbackUrl } from '@/lib/auth/decide-callback-url';
import { getEnv } from '@/lib/env';
import { INVALID_CREDENTIALS } from './messages';
import { LoginForm } from './login-form';

export const metadata: Metadata = { title: 'Sign in', robots: { index: false } };

/** The host the browser asked for: a reverse proxy's X-Forwarded-Host (its first), else Host. */
function forwardedHost(h: Headers): string | null {
  return h.get('x-forwarded-host')?.split(',')[0]?.trim() || h.get('host');
}

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function LoginPage({ searchParams }: Props) {
  const params = await searchParams;
  const callbackUrl = decideCallbackUrl(params.callbackUrl);
  if (await getActor()) redirect(callbackUrl);
  // Errors from Auth.js's own route (/api/auth/callback/credentials) arrive in the query string.
  const env = getEnv();
  const wrongAddress = signInAddressProblem({ siteUrl: env.siteUrl, siteUrlFromRequest: env.siteUrlFromRequest, host: forwardedHost(await headers()) });
  const initialError =
    params.code === 'throttled' ? 'Too many sign-in attempts. Try again later.' : params.error ? INVALID_CREDENTIALS : undefined;
  return (
    <main id="main" className="flex min-h-screen items-center justify-center bg-neutral-100 px-4 py-12">
      <div className="w-full max-w-sm rounded-lg border border-neutral-200 bg-white p-8 shadow-sm">
        <p className="text-sm font-semibold tracking-wide text-neutral-600 uppercase">{env.SITE_NAME}</p>
        <h1 className="mt-1 mb-6 text-2xl font-bold">Sign in to the newsroom</h1>
        {params.signedOut ? (
          <p role="status" className="mb-4 text-sm text-neutral-700">
            You have signed out.
          </p>
        ) : null}
        {wrongAddress ? (
          <div role="alert" className="mb-4 rounded border border-amber-400 bg-amber-50 px-3 py-2 text-sm text-amber-950">
            <p>
              This newsroom’s address is <strong>{wrongAddress.use}</strong>, but this page was opened at <strong>{wrongAddress.here}</strong>. Signing in
              here cannot keep you signed in.
            </p>
            <p className="mt-2">
              <a href={`${wrongAddress.use}/login`} className="font-semibold underline">
                Sign in at {wrongAddress.use}
              </a>
            </p>
          </div>
        ) : null}
        <LoginForm callbackUrl={callbackUrl} initialError={initialError} />
      </div>
    </main>
  );
}
