import 'server-only';
import { headers } from 'next/headers';
import { forbidden, redirect } from 'next/navigation';
import { cache } from 'react';
import { auth } from '@/lib/auth/next-auth';
import type { Actor } from '@/lib/auth/actor';
import type { Role } from '@/lib/generated/prisma/enums';

/**
 * The signed-in user of this request, or null. The session is checked against the database on every
 * call (user exists, not disabled, same sessionVersion: see the jwt callback in lib/auth/next-auth.ts), once per
 * request thanks to React's cache().
 */
export const getActor = cache(async (): Promise<Actor | null> => {
  const session = await auth();
  const actor = session?.actor;
  if (!actor) return null;
  return { id: actor.id, name: actor.name, email: actor.email, role: actor.role };
});

/**
 * The signed-in user, or the request ends:
 * - no live session → redirect to `/login?callbackUrl=<this path>`;
 * - a role outside `options.roles` → `forbidden()` (HTTP 403, app/forbidden.tsx).
 * Works in pages, layouts and Server Actions (both redirect and forbidden are thrown).
 */
export async function requireActor(options: { roles?: Role[] } = {}): Promise<Actor> {
  const actor = await getActor();
  if (!actor) redirect(`/login?callbackUrl=${encodeURIComponent(await currentPath())}`);
  if (options.roles && !options.roles.includes(actor.role)) forbidden();
  return actor;
}

/** The path of this request when Next tells us (proxy.ts sets x-pathname), else the dashboard home. */
async function currentPath(): Promise<string> {
  const path = (await headers()).get('x-masthead-path');
  return path && path.startsWith('/') && !path.startsWith('//') ? path : '/dashboard';
}
