/**
 * Talking to a production Masthead (`next start`) over HTTP the way a browser does: signing in through
 * Auth.js's credentials endpoint, and calling server actions (`Next-Action: <id>` POSTs whose body is
 * React's own `encodeReply` of the arguments), with ids read from the build's manifests.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { projectRoot } from '../../lib/database';
import { pagePath } from './decide-page-path';

/** A server action of the build: its id, exported name, source file and a page that can run it. */
export type BuiltAction = { id: string; name: string; file: string; page: string };

/** Every server action of the build (.next/server/server-reference-manifest.json). */
export function actionsOfBuild(): BuiltAction[] {
  const manifest = JSON.parse(readFileSync(path.join(projectRoot, '.next/server/server-reference-manifest.json'), 'utf8')) as {
    node: Record<string, { filename?: string; exportedName?: string; workers: Record<string, unknown> }>;
  };
  return Object.entries(manifest.node).map(([id, entry]) => {
    const page = Object.keys(entry.workers).sort((a, b) => a.length - b.length)[0] ?? '';
    return { id, name: entry.exportedName ?? id, file: entry.filename ?? '?', page };
  });
}

/** The build's action called `name`; throws when there is none or more than one. */
export function builtAction(name: string): BuiltAction {
  const found = actionsOfBuild().filter((a) => a.name === name);
  if (found.length !== 1)
    throw new Error(`The build has ${found.length} server actions named ${name}; run \`next build\` on this checkout.`);
  return found[0]!;
}

/** Every route handler of the build (`/x/route` entries of .next/server/app-paths-manifest.json), as `/x`. */
export function routesOfBuild(): string[] {
  const manifest = JSON.parse(readFileSync(path.join(projectRoot, '.next/server/app-paths-manifest.json'), 'utf8')) as Record<
    string,
    string
  >;
  return Object.keys(manifest)
    .filter((key) => key.endsWith('/route'))
    .map((key) => key.slice(0, -'/route'.length));
}

const requireFromHere = createRequire(import.meta.url);
/** React's own argument encoding for server actions: exactly what the browser sends. */
export const { encodeReply } = requireFromHere('next/dist/compiled/react-server-dom-webpack/client.node.js') as {
  encodeReply: (value: unknown[]) => Promise<string | FormData>;
};

/** A private address for X-Real-IP, so per-IP sign-in throttling never mixes unrelated requests. */
export const uniqueIp = () =>
  `10.${Math.floor(Math.random() * 200)}.${Math.floor(Math.random() * 255)}.${1 + Math.floor(Math.random() * 250)}`;

function addCookies(setCookies: string[], jar: Map<string, string>): Map<string, string> {
  for (const line of setCookies) {
    const [pair] = line.split(';');
    const eq = pair!.indexOf('=');
    jar.set(pair!.slice(0, eq).trim(), pair!.slice(eq + 1).trim());
  }
  return jar;
}

const jarText = (jar: Map<string, string>) => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');

/** Signs in at `base` through Auth.js's credentials endpoint; returns the Cookie header of the session. */
export async function signIn(base: string, email: string, password: string): Promise<string> {
  const ip = uniqueIp();
  const csrf = await fetch(`${base}/api/auth/csrf`, { headers: { 'x-real-ip': ip } });
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const jar = addCookies(csrf.headers.getSetCookie(), new Map());
  const response = await fetch(`${base}/api/auth/callback/credentials`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: jarText(jar), origin: base, 'x-real-ip': ip },
    body: new URLSearchParams({ csrfToken, email, password, callbackUrl: `${base}/dashboard` }),
  });
  await response.arrayBuffer();
  addCookies(response.headers.getSetCookie(), jar);
  if (![...jar.keys()].some((k) => k.includes('session-token')))
    throw new Error(`Signing in as ${email} failed (HTTP ${response.status}, ${response.headers.get('location')})`);
  return jarText(jar);
}

/** What a request got back. */
export type Answer = { status: number; text: string; headers: Headers };

/** One request to `base + path`, redirects not followed, bounded to 60 s. */
export async function send(
  base: string,
  path: string,
  init: { method: string; headers: Record<string, string>; body?: string | FormData },
): Promise<Answer> {
  const response = await fetch(`${base}${path}`, { ...init, redirect: 'manual', signal: AbortSignal.timeout(60_000) });
  return { status: response.status, text: await response.text(), headers: response.headers };
}

/** Calls a server action as the browser does; `extraHeaders` are added (e.g. a forged header under test). */
export async function callAction(
  base: string,
  action: BuiltAction,
  args: unknown[],
  options: { cookie: string; pathParams?: Record<string, string>; extraHeaders?: Record<string, string> },
): Promise<Answer> {
  const body = await encodeReply(args);
  const headers: Record<string, string> = {
    'next-action': action.id,
    accept: 'text/x-component',
    origin: base,
    cookie: options.cookie,
    'x-real-ip': uniqueIp(),
    ...options.extraHeaders,
  };
  if (typeof body === 'string') headers['content-type'] = 'text/plain;charset=UTF-8';
  return send(base, pagePath(action.page, options.pathParams), { method: 'POST', headers, body });
}
