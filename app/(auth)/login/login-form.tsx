'use client';

import { useActionState } from 'react';
import { loginPath } from '@/lib/routes';
import { loginAction, type LoginState } from './actions';

export function LoginForm({ callbackUrl, initialError }: { callbackUrl: string; initialError?: string }) {
  // The permalink is the form's action before JavaScript runs (React otherwise writes action="", which
  // HTML does not allow): a sign-in posted before hydration still reaches the action, on /login.
  const [state, formAction, pending] = useActionState<LoginState, FormData>(loginAction, { error: initialError }, loginPath());
  return (
    <form action={formAction} className="space-y-5" noValidate={false}>
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      {state.error ? (
        <p role="alert" id="login-error" className="rounded border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-800">
          {state.error}
        </p>
      ) : null}
      <div className="space-y-1">
        <label htmlFor="email" className="block text-sm font-medium">
          Email
        </label>
        <input
          id="email"
          name="email"
          type="email"
          autoComplete="username"
          required
          defaultValue={state.email ?? ''}
          aria-describedby={state.error ? 'login-error' : undefined}
          className="block w-full rounded border border-neutral-400 px-3 py-2 text-base focus:outline-2 focus:outline-offset-1 focus:outline-blue-700"
        />
      </div>
      <div className="space-y-1">
        <label htmlFor="password" className="block text-sm font-medium">
          Password
        </label>
        <input
          id="password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          aria-describedby={state.error ? 'login-error' : undefined}
          className="block w-full rounded border border-neutral-400 px-3 py-2 text-base focus:outline-2 focus:outline-offset-1 focus:outline-blue-700"
        />
      </div>
      <button
        type="submit"
        disabled={pending}
        className="w-full rounded bg-neutral-900 px-4 py-2 font-medium text-white hover:bg-neutral-700 focus:outline-2 focus:outline-offset-2 focus:outline-blue-700 disabled:opacity-60"
      >
        {pending ? 'Signing in…' : 'Sign in'}
      </button>
    </form>
  );
}
