/**
 * Malformed-request sweep: thousands of malformed requests to every route handler (feeds, sitemaps,
 * media, robots, api/auth, preview, the newsletter links and forms with tokens odd, forged or of another purpose
 * and fields wrong, the Content and Admin API with valid keys), every page with odd parameters (huge,
 * Unicode, %00, bad percent-escapes, ../, wrong types) and every server action (ids from
 * .next/server/server-reference-manifest.json, POSTed with `Next-Action` and bad bodies: bad JSON, wrong
 * types, huge fields, unknown keys, React reference tricks, multipart garbage; the newsletter actions
 * also get their forms with fields wrong), anonymous and signed in
 * as a writer and an admin. No response may contain a stack trace, a Prisma or SQL message, or a file path,
 * and none may be a 5xx (a malformed request gets a 4xx) unless lib/decide-server-errors.ts allows it:
 * the few that Next answers before any code of ours runs, each with its reason.
 *
 * Then a fault: a second server whose database does not answer. Its pages must show the plain error
 * page with a reference id (the error's digest) and none of the error's text, and the server log must
 * carry the detail under that same id.
 *
 *   npx tsx scripts/security/malformed-requests.ts     (MALFORMED_PORT, default 3241; the fault server uses the next port)
 *   MALFORMED_TIME_LIMIT (seconds, default 420) bounds the sweep; a sweep cut short fails.
 *
 * Prints "malformed requests: N sent to E endpoints, 0 leaking responses, …" with a status histogram, and
 * every 5xx by kind of request and endpoint.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import pg from 'pg';
import { createPrismaClient } from '@/lib/db';
import { signReaderToken } from '@/lib/newsletters/tokens';
import { seedIntegration } from '../../prisma/seed/factories';
import { projectRoot } from '../lib/database';
import { findLeaks, LEAKS } from './lib/decide-leaks';
import { ALLOWED_SERVER_ERRORS, allowedServerError, serverErrorBreakdown, unexpectedServerErrors } from './lib/decide-server-errors';
import { printFigure, startProductionServer } from './lib/harness';
import { encodeReply } from './lib/next-http';

const port = Number(process.env.MALFORMED_PORT ?? 3241);
const faultPort = port + 1;
const base = `http://127.0.0.1:${port}`;
const timeLimitMs = Number(process.env.MALFORMED_TIME_LIMIT ?? 420) * 1000;
const CONCURRENCY = 6;
const chromePath = process.env.CHROME_PATH || '/usr/bin/chromium';
const log = (line: string) => console.log(`[malformed] ${line}`);

/** Odd values for path segments and query parameters; none contains a pattern the leak check looks for. */
const ODD: string[] = [
  '',
  'x'.repeat(8_000),
  '%00',
  'a%00b',
  '%ZZ',
  '%E0%A4%A',
  '%C0%AE%C0%AE%2F',
  '..%2F..%2Fetc%2Fpasswd',
  '../../etc/passwd',
  '%2e%2e%2f%2e%2e%2f',
  '%F0%9F%98%80%E2%80%AE%00%ED%A0%80', // emoji, RTL override, NUL and an encoded lone surrogate (invalid UTF-8)
  '%F0%9F%98%80',
  encodeURIComponent('<script>alert(1)</script>'),
  encodeURIComponent("' OR 1=1--"),
  '-1',
  '0',
  '1e309',
  'NaN',
  '9'.repeat(40),
  '%5B%5D',
  '%7B%22a%22%3A1%7D',
  '__proto__',
  'constructor',
  encodeURIComponent('a\r\nSet-Cookie: x=1'),
  '%25%30%30',
];

/** `kind` says what is odd about the request (the odd value, the bad body…), for the breakdown of answers. */
type Target = {
  endpoint: string;
  kind: string;
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
  who: 'anonymous' | 'writer' | 'admin';
};
type Result = { target: Target; status: number; leaks: string[]; excerpt: string; body: string };

/** The newsletter the sweep's subscribers hold, and their reader links (signed with the server's AUTH_SECRET). */
type NewsletterFixture = { id: string; tokens: Record<'confirm' | 'unsubscribe' | 'preferences' | 'deletable', string> };

/** A fresh X-Real-IP per sign-up request, so the sign-up throttle (20 an hour per address) lets each reach the validation. */
let signupIps = 0;
const signupIp = () => {
  signupIps += 1;
  return `198.18.${Math.floor(signupIps / 250) % 250}.${(signupIps % 250) + 1}`;
};

/** A short, printable name for an odd value or path. */
function label(value: string): string {
  const shown = JSON.stringify(value.length > 24 ? `${value.slice(0, 12)}…` : value);
  return value.length > 24 ? `${shown} (${value.length} chars)` : shown;
}

function reqs(endpoint: string, paths: string[], who: Target['who'] = 'anonymous', method = 'GET', extra: Partial<Target> = {}): Target[] {
  return paths.map((p) => ({ endpoint, kind: `path ${label(p)}`, method, path: p, who, ...extra }));
}

/** Every page and route handler with odd parameters, for one kind of visitor. */
function pageAndRouteTargets(
  who: Target['who'],
  ids: {
    section: string;
    article: string;
    articleId: string;
    author: string;
    tag: string;
    campaign: string;
    newsletter: NewsletterFixture;
  },
): Target[] {
  const t: Target[] = [];
  const each = (endpoint: string, make: (odd: string) => string, method = 'GET') =>
    t.push(...ODD.map((odd) => ({ endpoint, kind: `odd ${label(odd)}`, method, path: make(odd), who })));
  each('/', (o) => `/?page=${o}`);
  each('/[section]', (o) => `/${o || '%20'}`);
  each('/[section]?page', (o) => `/${ids.section}?page=${o}`);
  each('/[section]/[slug]', (o) => `/${ids.section}/${o || '%20'}`);
  each('/[odd]/[slug]', (o) => `/${o || '%20'}/${ids.article}`);
  each('/authors/[slug]', (o) => `/authors/${o || '%20'}?page=${o}`);
  each('/campaigns/[slug]', (o) => `/campaigns/${o || '%20'}?page=${o}`);
  each('/tags/[slug]', (o) => `/tags/${o || '%20'}?page=${o}`);
  each('/about', (o) => `/about?page=${o}`);
  each('/about/[slug]', (o) => `/about/${o || '%20'}?page=${o}`);
  each('/search', (o) => `/search?q=${o}&page=${o}`);
  t.push(...reqs('/search', ['/search?q=a&q=b&page=1&page=2', '/search?q[]=x', '/search?q[a]=1', `/search?q=${'%20'.repeat(3000)}`], who));
  each('/preview/[token]', (o) => `/preview/${o || '%20'}`);
  t.push(
    ...reqs(
      '/preview/[token]',
      [`/preview/${ids.articleId}.1.x`, `/preview/${ids.articleId}.99999999999999.${'A'.repeat(43)}`, '/preview/a.b.c.d'],
      who,
    ),
  );
  each('/login', (o) => `/login?callbackUrl=${o}&error=${o}`);
  each('/feed.xml', (o) => `/feed.xml?section=${o}&page=${o}`);
  each('/feeds/[kind]/[slug]', (o) => `/feeds/${o || '%20'}/${ids.section}`);
  each('/feeds/sections/[slug]', (o) => `/feeds/sections/${o || '%20'}`);
  each('/feeds/authors/[slug]', (o) => `/feeds/authors/${o || '%20'}`);
  each('/feeds/campaigns/[slug]', (o) => `/feeds/campaigns/${o || '%20'}`);
  each('/sitemap.xml', (o) => `/sitemap.xml?page=${o}`);
  each('/news-sitemap.xml', (o) => `/news-sitemap.xml?x=${o}`);
  each('/sitemaps/articles/[page]', (o) => `/sitemaps/articles/${o || '%20'}`);
  each('/sitemaps/pages.xml', (o) => `/sitemaps/pages.xml?${o}`);
  each('/robots.txt', (o) => `/robots.txt?${o}`);
  each('/media/[key]', (o) => `/media/${o || '%20'}`);
  each('/media/crop/[aspect]/[key]', (o) => `/media/crop/${o || '%20'}/${o || '%20'}`);
  each('/_next/image', (o) => `/_next/image?url=${o}&w=${o}&q=${o}`);
  each('/api/auth/[...nextauth]', (o) => `/api/auth/${o || '%20'}`);
  each('/api/auth/callback/[provider]', (o) => `/api/auth/callback/${o || '%20'}?code=${o}`);
  // Paths Next answers without running proxy.ts: scripts/serve.mjs must refuse their bad escapes.
  t.push(
    ...reqs(
      '/_next/* and /favicon.ico',
      ['/_next/%ZZ', '/_next/data/%ZZ', '/_next/static/%E0%A4%A', '/_next/image/%ZZ', '/favicon.ico%ZZ'],
      who,
    ),
  );
  t.push(
    ...reqs(
      '/api/auth/*',
      [
        '/api/auth/csrf',
        '/api/auth/session',
        '/api/auth/providers',
        '/api/auth/signin',
        '/api/auth/signout',
        '/api/auth/error?error=' + ODD[2],
      ],
      who,
    ),
  );
  each('/dashboard', (o) => `/dashboard?x=${o}`);
  each('/dashboard/articles', (o) => `/dashboard/articles?status=${o}&sectionId=${o}&authorId=${o}&q=${o}&sort=${o}&cursor=${o}`);
  each('/dashboard/articles/[id]', (o) => `/dashboard/articles/${o || '%20'}`);
  each('/dashboard/articles/[id]/history', (o) => `/dashboard/articles/${o || '%20'}/history?from=${o}&to=${o}`);
  t.push(...reqs('/dashboard/articles/[id]/history', [`/dashboard/articles/${ids.articleId}/history?from=${ODD[1]}&to=-1`], who));
  each('/dashboard/articles/[id]/preview', (o) => `/dashboard/articles/${o || '%20'}/preview`);
  each('/dashboard/articles/new', (o) => `/dashboard/articles/new?sectionId=${o}`);
  each('/dashboard/audit', (o) => `/dashboard/audit?action=${o}&actor=${o}&from=${o}&to=${o}&cursor=${o}&page=${o}`);
  each('/dashboard/users', (o) => `/dashboard/users?q=${o}&page=${o}`);
  each('/dashboard/integrations', (o) => `/dashboard/integrations?x=${o}`);
  each('/dashboard/webhooks', (o) => `/dashboard/webhooks?x=${o}`);
  each('/dashboard/newsletters', (o) => `/dashboard/newsletters?x=${o}`);
  each('/dashboard/newsletters/caught', (o) => `/dashboard/newsletters/caught?x=${o}`);
  each('/dashboard/newsletters/[id]', (o) => `/dashboard/newsletters/${o || '%20'}`);
  each('/dashboard/newsletters/[id]?x', (o) => `/dashboard/newsletters/${ids.newsletter.id}?x=${o}`);
  each('/developers/api', (o) => `/developers/api?x=${o}`);
  each('/dashboard/pages', (o) => `/dashboard/pages?x=${o}`);
  each('/dashboard/pages/new', (o) => `/dashboard/pages/new?x=${o}`);
  each('/dashboard/pages/[id]', (o) => `/dashboard/pages/${o || '%20'}`);
  // Newsletters: the reader pages and the GET route handlers, a signed token in the query (odd, forged, another's purpose).
  const nl = ids.newsletter;
  each('/newsletters/check-your-email', (o) => `/newsletters/check-your-email?x=${o}`);
  each('/newsletters/deleted', (o) => `/newsletters/deleted?x=${o}`);
  each('/newsletters/unsubscribe', (o) => `/newsletters/unsubscribe?token=${o}`);
  each('/newsletters/preferences', (o) => `/newsletters/preferences?token=${o}&confirmed=${o}`);
  each(
    '/newsletters/preferences?saved',
    (o) => `/newsletters/preferences?token=${nl.tokens.preferences}&saved=${o}&unsubscribed=${o}&confirmed=${o}`,
  );
  each('/newsletters/confirm', (o) => `/newsletters/confirm?token=${o}`);
  each('GET /newsletters/one-click', (o) => `/newsletters/one-click?token=${o}`);
  each('/newsletters/preferences/export', (o) => `/newsletters/preferences/export?token=${o}`);
  const forged = (t: string) => [
    `${t}x`,
    t.slice(0, -2),
    t.replace(/^r1\./, 'r2.'),
    `${t}.extra`,
    `${t.split('.')[0]}.${t.split('.')[1]}`,
    `r1.${Buffer.from('["a",["*"],0]').toString('base64url')}.${t.split('.')[2]}`,
    `r1.%00.%00`,
    `${t}&token=${t}`,
    `${'r1.'.repeat(700)}`,
  ];
  for (const [endpoint, route, own] of [
    ['/newsletters/confirm', '/newsletters/confirm', nl.tokens.confirm],
    ['GET /newsletters/one-click', '/newsletters/one-click', nl.tokens.unsubscribe],
    ['/newsletters/unsubscribe', '/newsletters/unsubscribe', nl.tokens.unsubscribe],
    ['/newsletters/preferences', '/newsletters/preferences', nl.tokens.preferences],
    ['/newsletters/preferences/export', '/newsletters/preferences/export', nl.tokens.preferences],
  ] as const) {
    const others = Object.values(nl.tokens).filter((t) => t !== own);
    t.push(
      ...reqs(
        endpoint,
        [...forged(own), ...others, `[]=${own}`, `[a]=1`].map((token) => `${route}?token${token.startsWith('[') ? '' : '='}${token}`),
        who,
      ),
    );
    t.push(...reqs(endpoint, [`${route}?token=${own}&token=${own}`, `${route}?token=${own}&${ODD[1]}=1`], who));
  }

  // Bodies and methods route handlers do not expect.
  const bodies: { name: string; body: string | Uint8Array; type: string }[] = [
    { name: 'empty JSON', body: '', type: 'application/json' },
    { name: 'truncated JSON', body: '{', type: 'application/json' },
    { name: 'wrong types', body: '{"articleIds":"x"}', type: 'application/json' },
    {
      name: 'unknown keys',
      body: JSON.stringify({ at: 'now', articleIds: [1], sectionSlugs: null, unknown: true }),
      type: 'application/json',
    },
    { name: '2 MB JSON', body: JSON.stringify({ a: 'x'.repeat(2_000_000) }), type: 'application/json' },
    {
      name: 'multipart garbage',
      body: '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\nb',
      type: 'multipart/form-data; boundary=x',
    },
    { name: 'urlencoded escapes', body: 'a=%ZZ&b=%00&__proto__[x]=1', type: 'application/x-www-form-urlencoded' },
    { name: 'binary', body: new Uint8Array(randomBytes(4096)), type: 'application/octet-stream' },
  ];
  const postTo = [
    '/api/auth/callback/credentials',
    '/api/auth/signout',
    '/api/auth/signin/credentials',
    '/feed.xml',
    `/media/x.jpg`,
    '/sitemap.xml',
    `/preview/x.1.y`,
    '/newsletters/subscribe',
    `/newsletters/one-click?token=${nl.tokens.unsubscribe}`,
    '/newsletters/preferences/save',
    '/newsletters/preferences/delete',
  ];
  for (const p of postTo) {
    for (const { name, body, type } of bodies) {
      t.push({
        endpoint: `POST ${p.replace(/\/x\..*$/, '/[…]').replace(/\?token=.*$/, '?token=[…]')}`,
        kind: `body ${name}`,
        method: 'POST',
        path: p,
        who,
        body,
        headers: {
          'content-type': type,
          origin: base,
          'x-masthead-signature': 'bad',
          ...(p === '/newsletters/subscribe' ? { 'x-real-ip': signupIp() } : {}),
        },
      });
    }
  }
  // The newsletter forms (plain HTML posts) with their own fields wrong: addresses, newsletter ids, tokens, files, sizes.
  const form = 'application/x-www-form-urlencoded';
  const fb = 'newsletterboundary';
  const multipartForm = (parts: [string, string, string?][]) =>
    parts
      .map(
        ([k, v, file]) =>
          `--${fb}\r\nContent-Disposition: form-data; name="${k}"${file ? `; filename="${file}"\r\nContent-Type: application/octet-stream` : ''}\r\n\r\n${v}\r\n`,
      )
      .join('') + `--${fb}--\r\n`;
  const mpForm = `multipart/form-data; boundary=${fb}`;
  const reader = 'email=reader%40example.com';
  const newsletterForms: { endpoint: string; path: string; cases: { name: string; body: string; type?: string }[] }[] = [
    {
      endpoint: 'POST /newsletters/subscribe',
      path: '/newsletters/subscribe',
      cases: [
        { name: 'no fields', body: '' },
        { name: 'bad address', body: `email=not-an-address&newsletterIds=${nl.id}` },
        { name: 'huge address', body: `email=${'a'.repeat(9000)}%40example.com&newsletterIds=${nl.id}` },
        { name: 'NUL in the address', body: `email=a%00b%40example.com&newsletterIds=${nl.id}` },
        { name: 'header injection in the address', body: `email=a%40example.com%0D%0ABcc%3A%20b%40example.com&newsletterIds=${nl.id}` },
        { name: 'lone surrogate in the address', body: `email=a%ED%A0%80%40example.com&newsletterIds=${nl.id}` },
        { name: 'two addresses', body: `email=a%40example.com&email=b%40example.com&newsletterIds=${nl.id}` },
        { name: 'no newsletter', body: reader },
        { name: 'unknown newsletter', body: `${reader}&newsletterIds=nope` },
        { name: 'empty newsletter id', body: `${reader}&newsletterIds=` },
        { name: 'NUL in a newsletter id', body: `${reader}&newsletterIds=a%00b` },
        { name: 'lone surrogate in a newsletter id', body: `${reader}&newsletterIds=%ED%A0%80` },
        { name: 'newsletter id too long', body: `${reader}&newsletterIds=${'x'.repeat(41)}` },
        { name: '51 newsletter ids', body: `${reader}${Array.from({ length: 51 }, (_, i) => `&newsletterIds=n${i}`).join('')}` },
        { name: '20,000 newsletter ids', body: `${reader}${`&newsletterIds=${nl.id}`.repeat(20_000)}` },
        { name: 'newsletterIds[]', body: `${reader}&newsletterIds[]=${nl.id}&newsletterIds[a]=1` },
        { name: 'bad escapes', body: `email=%ZZ&newsletterIds=%E0%A4%A` },
        { name: 'unknown fields', body: `${reader}&newsletterIds=${nl.id}&status=ACTIVE&subscriberId=x&__proto__[x]=1` },
        {
          name: 'files for fields',
          body: multipartForm([
            ['email', 'reader@example.com', 'a.txt'],
            ['newsletterIds', nl.id, 'b.bin'],
          ]),
          type: mpForm,
        },
        {
          name: 'multipart NUL',
          body: multipartForm([
            ['email', 'a\u0000@example.com'],
            ['newsletterIds', 'a\u0000b'],
          ]),
          type: mpForm,
        },
      ],
    },
    {
      endpoint: 'POST /newsletters/preferences/save',
      path: '/newsletters/preferences/save',
      cases: [
        { name: 'no fields', body: '' },
        { name: 'no token', body: `newsletterIds=${nl.id}` },
        { name: 'forged token', body: `token=${nl.tokens.preferences}x&newsletterIds=${nl.id}` },
        { name: 'token of another purpose', body: `token=${nl.tokens.unsubscribe}&newsletterIds=${nl.id}` },
        { name: 'two tokens', body: `token=${nl.tokens.preferences}&token=x&newsletterIds=${nl.id}` },
        { name: 'huge token', body: `token=${'r1.'.repeat(3000)}&newsletterIds=${nl.id}` },
        { name: 'token, unknown newsletter', body: `token=${nl.tokens.preferences}&newsletterIds=nope` },
        { name: 'token, NUL in a newsletter id', body: `token=${nl.tokens.preferences}&newsletterIds=a%00b` },
        { name: 'token, lone surrogate in a newsletter id', body: `token=${nl.tokens.preferences}&newsletterIds=%ED%A0%80` },
        { name: 'token, newsletter id too long', body: `token=${nl.tokens.preferences}&newsletterIds=${'x'.repeat(41)}` },
        {
          name: 'token, 51 newsletter ids',
          body: `token=${nl.tokens.preferences}${Array.from({ length: 51 }, (_, i) => `&newsletterIds=n${i}`).join('')}`,
        },
        { name: 'token, unknown fields', body: `token=${nl.tokens.preferences}&email=x%40example.com&status=ACTIVE` },
        {
          name: 'token as a file',
          body: multipartForm([
            ['token', nl.tokens.preferences, 't.txt'],
            ['newsletterIds', nl.id],
          ]),
          type: mpForm,
        },
        { name: 'bad escapes', body: 'token=%ZZ&newsletterIds=%E0%A4%A' },
      ],
    },
    {
      endpoint: 'POST /newsletters/preferences/delete',
      path: '/newsletters/preferences/delete',
      cases: [
        { name: 'no token', body: '' },
        { name: 'forged token', body: `token=${nl.tokens.deletable}x` },
        { name: 'token of another purpose', body: `token=${nl.tokens.confirm}` },
        { name: 'huge token', body: `token=${'x'.repeat(9000)}` },
        { name: 'token as a file', body: multipartForm([['token', nl.tokens.deletable, 't.txt']]), type: mpForm },
        { name: 'NUL in the token', body: 'token=r1.%00.%00' },
        // Well-formed: the first deletes the data (303), every later one finds nothing (404).
        { name: 'token (twice)', body: `token=${nl.tokens.deletable}` },
      ],
    },
    {
      endpoint: 'POST /newsletters/one-click',
      path: '/newsletters/one-click',
      cases: [
        { name: 'RFC 8058 body, no token', body: 'List-Unsubscribe=One-Click' },
        { name: 'RFC 8058 body, forged token', body: 'List-Unsubscribe=One-Click' },
        { name: 'RFC 8058 body, token of another purpose', body: 'List-Unsubscribe=One-Click' },
        { name: 'from=page, forged token', body: 'from=page' },
        { name: 'odd body, token', body: 'List-Unsubscribe=%ZZ&from=%00&from=page' },
        {
          name: 'RFC 8058 body as multipart, token',
          body: multipartForm([
            ['List-Unsubscribe', 'One-Click'],
            ['from', 'page', 'f.txt'],
          ]),
          type: mpForm,
        },
      ],
    },
  ];
  for (const { endpoint, path: formPath, cases } of newsletterForms) {
    for (const c of cases) {
      const token = /no token/.test(c.name)
        ? ''
        : /forged/.test(c.name)
          ? `?token=${nl.tokens.unsubscribe}x`
          : /another purpose/.test(c.name)
            ? `?token=${nl.tokens.preferences}`
            : `?token=${nl.tokens.unsubscribe}`;
      const oneClick = endpoint === 'POST /newsletters/one-click';
      const headers: Record<string, string> = {
        'content-type': c.type ?? form,
        ...(oneClick ? {} : { origin: base }),
        ...(formPath === '/newsletters/subscribe' ? { 'x-real-ip': signupIp() } : {}),
      };
      t.push({
        endpoint,
        kind: `form ${c.name}`,
        method: 'POST',
        path: oneClick ? `${formPath}${token}` : formPath,
        who,
        body: c.body,
        headers,
      });
    }
    // The state-changing forms need the site's Origin (the one-click endpoint does not: mail clients send none).
    if (endpoint !== 'POST /newsletters/one-click') {
      for (const [kind, origin] of [
        ['no Origin', undefined],
        ['foreign Origin', 'https://evil.example'],
        ['Origin "null"', 'null'],
        ['odd Origin', '%ZZ'],
      ] as const)
        t.push({
          endpoint,
          kind,
          method: 'POST',
          path: formPath,
          who,
          body: `${reader}&newsletterIds=${nl.id}&token=${nl.tokens.preferences}`,
          headers: { 'content-type': form, ...(origin ? { origin } : {}), 'x-real-ip': signupIp() },
        });
    }
  }
  for (const method of ['PUT', 'DELETE', 'PATCH', 'OPTIONS']) {
    for (const p of [
      '/',
      `/${ids.section}/${ids.article}`,
      '/feed.xml',
      '/api/auth/session',
      '/dashboard/articles',
      '/media/x.jpg',
      '/newsletters/subscribe',
      '/newsletters/one-click',
      '/newsletters/preferences/export',
    ]) {
      t.push({
        endpoint: `${method} ${p}`,
        kind: 'method',
        method,
        path: p,
        who,
        body: method === 'OPTIONS' ? undefined : '{}',
        headers: { 'content-type': 'application/json' },
      });
    }
  }
  // Requests that claim to be Next's own (RSC navigation, prefetch) with broken router state.
  for (const p of [
    '/',
    `/${ids.section}`,
    `/${ids.section}/${ids.article}`,
    '/dashboard/articles',
    '/search?q=x',
    '/dashboard/newsletters',
    `/newsletters/preferences?token=${nl.tokens.preferences}`,
  ]) {
    for (const state of ['not json', '[', encodeURIComponent('["",{"children":["x",{}]},null,null,true]'), 'x'.repeat(9000), '%E0%A4%A']) {
      t.push({
        endpoint: `RSC ${p}`,
        kind: `router state ${label(state)}`,
        method: 'GET',
        path: p,
        who,
        headers: { rsc: '1', 'next-router-state-tree': state, 'next-router-prefetch': '1', 'next-url': state },
      });
    }
  }
  return t;
}

/** The API's answer to anything malformed: a 4xx in its one JSON shape. */
const API_ERROR_SHAPE = /^\{"error":\{"code":"[a-z_]+","message":"/;

/**
 * The Content and Admin API with valid keys and everything else wrong: odd path segments and query
 * values, unknown parameters, bad cursors and fields, and bad bodies, types and sizes for every write.
 */
function apiTargets(
  keys: { content: string; admin: string },
  ids: { section: string; article: string; articleId: string; author: string; tag: string; campaign: string },
): Target[] {
  const t: Target[] = [];
  const auth = (key: string): Record<string, string> => (key ? { authorization: `Bearer ${key}` } : {});
  const each = (endpoint: string, make: (odd: string) => string, key = keys.content) =>
    t.push(
      ...ODD.map((odd) => ({
        endpoint: `API ${endpoint}`,
        kind: `odd ${label(odd)}`,
        method: 'GET',
        path: make(odd),
        who: 'anonymous' as const,
        headers: auth(key),
      })),
    );
  each('GET /api/v1/articles', (o) => `/api/v1/articles?section=${o}&author=${o}&tag=${o}&campaign=${o}`);
  each('GET /api/v1/articles?q', (o) => `/api/v1/articles?q=${o}&since=${o}&until=${o}&sponsored=${o}`);
  each('GET /api/v1/articles?cursor', (o) => `/api/v1/articles?cursor=${o}&limit=${o}&fields=${o}`);
  each('GET /api/v1/articles?key', (o) => `/api/v1/articles?key=${o}`, '');
  each('GET /api/v1/articles/[id]', (o) => `/api/v1/articles/${o || '%20'}?fields=${o}`);
  each('GET /api/v1/webhooks', (o) => `/api/v1/webhooks?x=${o}`, keys.admin);
  each('GET /api/v1/articles/by-path/[section]/[slug]', (o) => `/api/v1/articles/by-path/${o || '%20'}/${o || '%20'}`);
  for (const list of ['sections', 'authors', 'campaigns', 'tags']) {
    each(`GET /api/v1/${list}`, (o) => `/api/v1/${list}?limit=${o}&cursor=${o}&${o}=1`);
    each(`GET /api/v1/${list}/[id]`, (o) => `/api/v1/${list}/${o || '%20'}?x=${o}`);
  }
  const badKeys = [
    'Bearer',
    `Bearer ${'x'.repeat(9000)}`,
    'Basic YTpi',
    `Bearer ${keys.content}x`,
    `Bearer mh_admin_${'a'.repeat(12)}_${'A'.repeat(43)}`,
  ];
  for (const value of badKeys)
    t.push({
      endpoint: 'API GET /api/v1/articles',
      kind: `authorization ${label(value)}`,
      method: 'GET',
      path: '/api/v1/articles',
      who: 'anonymous',
      headers: { authorization: value },
    });

  const json = 'application/json';
  const bodies: { name: string; body: string | Uint8Array; type: string }[] = [
    { name: 'empty', body: '', type: json },
    { name: 'truncated JSON', body: '{"headline":', type: json },
    { name: 'not an object', body: '[1,2,3]', type: json },
    { name: 'null', body: 'null', type: json },
    {
      name: 'wrong types',
      body: JSON.stringify({ headline: 1, sectionId: [], version: 'one', body: 'x', authorIds: 'a', sponsored: 'yes', action: 7 }),
      type: json,
    },
    {
      name: 'unknown keys',
      body: JSON.stringify({
        headline: 'x',
        sectionId: ids.section,
        role: 'ADMIN',
        createdById: 'x',
        status: 'PUBLISHED',
        __proto__: { x: 1 },
      }),
      type: json,
    },
    { name: 'prototype keys', body: '{"__proto__":{"polluted":1},"constructor":{"prototype":{"x":1}},"version":1}', type: json },
    { name: 'NUL and surrogates', body: JSON.stringify({ headline: 'a\u0000b\ud800', sectionId: 'x\u0000', version: 1 }), type: json },
    {
      name: 'hostile HTML',
      body: JSON.stringify({
        headline: 'x',
        sectionId: ids.section,
        html: '<script>alert(1)</script><img src=x onerror=alert(1)><a href="javascript:alert(1)">x</a>',
        version: 1,
      }),
      type: json,
    },
    {
      name: 'bad body document',
      body: JSON.stringify({
        headline: 'x',
        sectionId: ids.section,
        version: 1,
        body: { type: 'doc', content: [{ type: 'script', text: 'x' }] },
      }),
      type: json,
    },
    { name: 'deep nesting', body: '{"body":' + '['.repeat(5000) + ']'.repeat(5000) + '}', type: json },
    { name: '3 MB JSON', body: JSON.stringify({ headline: 'x'.repeat(3_000_000) }), type: json },
    { name: 'huge version', body: JSON.stringify({ version: 1e309, action: 'publish', scheduledAt: 'tomorrow' }), type: json },
    { name: 'bad schedule', body: JSON.stringify({ action: 'schedule', scheduledAt: '2020-13-45T99:99:99Z' }), type: json },
    { name: 'form', body: 'headline=x&sectionId=y', type: 'application/x-www-form-urlencoded' },
    {
      name: 'multipart garbage',
      body: '--x\r\nContent-Disposition: form-data; name="file"\r\n\r\nb',
      type: 'multipart/form-data; boundary=x',
    },
    { name: 'binary', body: new Uint8Array(randomBytes(4096)), type: 'application/octet-stream' },
  ];
  const writes: [string, string, string][] = [
    ['POST', '/api/v1/articles', 'POST /api/v1/articles'],
    ['PATCH', `/api/v1/articles/${ids.articleId}`, 'PATCH /api/v1/articles/[id]'],
    ['PATCH', '/api/v1/articles/nope', 'PATCH /api/v1/articles/[id] (missing)'],
    ['POST', `/api/v1/articles/${ids.articleId}/transitions`, 'POST /api/v1/articles/[id]/transitions'],
    ['POST', '/api/v1/images', 'POST /api/v1/images'],
    ['POST', '/api/v1/webhooks', 'POST /api/v1/webhooks'],
    ['DELETE', '/api/v1/webhooks/nope', 'DELETE /api/v1/webhooks/[id] (missing)'],
  ];
  for (const [method, p, endpoint] of writes)
    for (const { name, body, type } of bodies)
      t.push({
        endpoint: `API ${endpoint}`,
        kind: `body ${name}`,
        method,
        path: p,
        who: 'anonymous',
        body,
        headers: { ...auth(keys.admin), 'content-type': type },
      });
  const b = 'apiboundary';
  for (const [name, body] of [
    ['no file', `--${b}\r\nContent-Disposition: form-data; name="alt"\r\n\r\nx\r\n--${b}--\r\n`],
    ['file is text', `--${b}\r\nContent-Disposition: form-data; name="file"\r\n\r\nnot a file\r\n--${b}--\r\n`],
    [
      'fake image',
      `--${b}\r\nContent-Disposition: form-data; name="file"; filename="x.png"\r\nContent-Type: image/png\r\n\r\n<svg onload=alert(1)>\r\n--${b}--\r\n`,
    ],
  ])
    t.push({
      endpoint: 'API POST /api/v1/images',
      kind: `multipart ${name}`,
      method: 'POST',
      path: '/api/v1/images',
      who: 'anonymous',
      body,
      headers: { ...auth(keys.admin), 'content-type': `multipart/form-data; boundary=${b}` },
    });
  for (const method of ['PUT', 'DELETE'])
    for (const p of ['/api/v1/articles', `/api/v1/articles/${ids.articleId}`, '/api/v1/sections'])
      t.push({
        endpoint: `API ${method} ${p.replace(ids.articleId, '[id]')}`,
        kind: 'method',
        method,
        path: p,
        who: 'anonymous',
        body: '{}',
        headers: { ...auth(keys.admin), 'content-type': json },
      });
  return t;
}

/** Bad bodies for a server action, as React's encodeReply (text) or multipart form data. */
function actionBodies(): { name: string; body: string | Uint8Array; type: string }[] {
  const json = (v: unknown) => JSON.stringify(v);
  const text = 'text/plain;charset=UTF-8';
  const b = 'mastheadboundary';
  const multipart = (parts: [string, string][]) =>
    parts.map(([k, v]) => `--${b}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`).join('') + `--${b}--\r\n`;
  const mp = `multipart/form-data; boundary=${b}`;
  return [
    { name: 'empty', body: '', type: text },
    { name: 'not JSON', body: 'hello', type: text },
    { name: 'truncated JSON', body: '[{"articleId":', type: text },
    { name: 'no arguments', body: '[]', type: text },
    { name: 'null', body: '[null]', type: text },
    { name: 'wrong types', body: json([{ articleId: 1, baseVersion: 'one', content: [] }]), type: text },
    { name: 'negative version', body: json([{ articleId: 'x', baseVersion: -1, content: {} }]), type: text },
    { name: 'unknown keys', body: json([{ articleId: 'x', baseVersion: 1, content: {}, role: 'ADMIN', __proto__x: 1 }]), type: text },
    { name: 'prototype keys', body: '[{"__proto__":{"polluted":1},"constructor":{"prototype":{"x":1}}}]', type: text },
    { name: 'huge field', body: json([{ articleId: 'x'.repeat(900_000), baseVersion: 1 }]), type: text },
    { name: 'deep nesting', body: '['.repeat(5000) + ']'.repeat(5000), type: text },
    {
      name: 'content with bad body',
      body: json([
        {
          articleId: 'x',
          baseVersion: 1,
          content: { headline: 'x', slug: 'x', body: { type: 'doc', content: [{ type: 'script' }] }, sectionId: 'x' },
        },
      ]),
      type: text,
    },
    { name: 'string argument', body: json(['x'.repeat(100)]), type: text },
    { name: 'React references', body: json(['$K1', '$Q2', '$@3', '$B4', '$T', '$h', '$F1']), type: text },
    { name: 'React reference to missing part', body: json(['$1']), type: text },
    { name: 'NUL and surrogates', body: json([{ articleId: 'a\u0000b', content: { headline: '\ud800' } }]), type: text },
    { name: 'multipart garbage', body: `--${b}\r\nContent-Disposition: form-data; name="0"\r\n\r\n{{{{\r\n--${b}`, type: mp },
    { name: 'multipart wrong boundary', body: multipart([['0', '[]']]), type: 'multipart/form-data; boundary=other' },
    {
      name: 'multipart unknown fields',
      body: multipart([
        ['headline', 'x'.repeat(5000)],
        ['sectionId', '%00'],
        ['email', '@'],
        ['password', ''],
        ['role', 'GOD'],
        ['userId', '../x'],
      ]),
      type: mp,
    },
    {
      name: 'multipart action fields',
      body: multipart([
        ['$ACTION_REF_1', ''],
        ['$ACTION_1:0', '{"id":"nope","bound":"$@1"}'],
        ['$ACTION_KEY', 'k'],
      ]),
      type: mp,
    },
    {
      name: 'multipart form state',
      body: multipart([
        ['1_$ACTION_ID_nope', ''],
        ['0', '["$K1"]'],
      ]),
      type: mp,
    },
    { name: 'urlencoded', body: 'email=%ZZ&password=%00&callbackUrl=javascript:alert(1)', type: 'application/x-www-form-urlencoded' },
    { name: 'binary', body: new Uint8Array(randomBytes(8192)), type: 'application/octet-stream' },
    { name: 'over the body limit', body: 'x'.repeat(1_200_000), type: text },
  ];
}

/**
 * Forms for the newsletter actions (`(previousState, formData)`), encoded as React encodes a form
 * action's call, each with fields wrong. None names the sweep's own newsletter, so no case can delete
 * it or send it to its subscribers.
 */
async function newsletterActionBodies(): Promise<{ name: string; body: Uint8Array; type: string }[]> {
  const valid = {
    name: 'Sweep',
    slug: '',
    description: '',
    mode: 'EACH_ARTICLE',
    digestTime: '07:00',
    senderName: 'Desk',
    senderEmail: 'desk@news.example',
    enabled: 'on',
  };
  const cases: [string, Record<string, string | string[] | Blob>][] = [
    ['form: no fields', {}],
    ['form: huge name', { ...valid, name: 'x'.repeat(200_000), description: 'y'.repeat(200_000) }],
    ['form: NUL in the name', { ...valid, name: 'a\u0000b', description: '\u0000', senderName: '\u0000' }],
    ['form: bad mode and time', { ...valid, mode: 'HOURLY', digestTime: '25:99', fullText: 'maybe', enabled: 'perhaps' }],
    ['form: huge digest time', { ...valid, digestTime: '9'.repeat(5000) }],
    [
      'form: header injection in the sender',
      { ...valid, senderName: 'Desk\r\nBcc: x@example.com', senderEmail: 'desk@news.example\r\nBcc: x@example.com' },
    ],
    ['form: odd slug', { ...valid, slug: '../../etc/passwd' }],
    ['form: unknown sections', { ...valid, slug: 'x'.repeat(65), sectionIds: ['nope', 'x'.repeat(41)] }],
    // Valid but for the section id, which must be refused before the database (PostgreSQL cannot store a NUL).
    ['form: NUL in a section id', { ...valid, newsletterId: 'nope', version: '1', sectionIds: ['a\u0000b'] }],
    ['form: 201 sections', { ...valid, name: '', sectionIds: Array.from({ length: 201 }, (_, i) => `s${i}`) }],
    ['form: bad ids and version', { ...valid, newsletterId: 'a\u0000b', version: '1e309', articleId: '\u0000' }],
    ['form: unknown newsletter and article', { ...valid, newsletterId: 'nope', version: '1', articleId: 'nope' }],
    ['form: negative version', { ...valid, newsletterId: 'nope', version: '-1', articleId: 'x'.repeat(41) }],
    ['form: files for fields', { ...valid, name: new Blob(['x']), newsletterId: new Blob(['y']), articleId: new Blob(['z']) }],
  ];
  const out: { name: string; body: Uint8Array; type: string }[] = [];
  for (const [name, fields] of cases) {
    const form = new FormData();
    for (const [k, v] of Object.entries(fields)) for (const one of Array.isArray(v) ? v : [v]) form.append(k, one);
    const encoded = new Response((await encodeReply([{ ok: false, message: '' }, form])) as FormData);
    out.push({ name, body: new Uint8Array(await encoded.arrayBuffer()), type: encoded.headers.get('content-type')! });
  }
  return out;
}

type ManifestEntry = { exportedName?: string; filename?: string; workers?: Record<string, unknown> };

/** Server actions from the build: id, name, and a page path that serves it. */
function serverActions(ids: { articleId: string; newsletter: NewsletterFixture }): { id: string; name: string; page: string }[] {
  const manifest = JSON.parse(readFileSync(path.join(projectRoot, '.next/server/server-reference-manifest.json'), 'utf8')) as {
    node: Record<string, ManifestEntry>;
  };
  return Object.entries(manifest.node).map(([id, entry]) => {
    const worker = Object.keys(entry.workers ?? {})[0] ?? 'app/page';
    const page = worker
      .replace(/^app/, '')
      .replace(/\/page$/, '')
      .replace(/\/\([^)]+\)/g, '')
      .replace('/newsletters/[id]', `/newsletters/${ids.newsletter.id}`)
      .replace('[id]', ids.articleId);
    return { id, name: entry.exportedName ?? id, page: page || '/' };
  });
}

async function send(target: Target, cookies: Record<string, string>): Promise<Result> {
  const headers: Record<string, string> = { 'x-real-ip': '203.0.113.77', ...(target.headers ?? {}) };
  const cookie = cookies[target.who];
  if (cookie) headers.cookie = cookie;
  try {
    const response = await fetch(`${base}${target.path}`, {
      method: target.method,
      headers,
      body: typeof target.body === 'string' || target.body === undefined ? target.body : new Blob([new Uint8Array(target.body)]),
      redirect: 'manual',
      signal: AbortSignal.timeout(60_000),
    });
    const text = await response.text();
    const headerText = [...response.headers].map(([k, v]) => `${k}: ${v}`).join('\n');
    const leaks = findLeaks(`${headerText}\n${text}`);
    const at = leaks.length ? (LEAKS.find((l) => l.name === leaks[0])!.pattern.exec(`${headerText}\n${text}`)?.index ?? 0) : 0;
    return {
      target,
      status: response.status,
      body: text.slice(0, 400),
      leaks,
      excerpt: leaks.length ? `${headerText}\n${text}`.slice(Math.max(0, at - 120), at + 200) : '',
    };
  } catch (error) {
    return { target, status: 0, body: '', leaks: [], excerpt: error instanceof Error ? error.message : String(error) };
  }
}

async function signIn(email: string, password: string): Promise<string> {
  const browser = await chromium.launch({ executablePath: chromePath, args: ['--no-sandbox', '--disable-gpu'] });
  try {
    const context = await browser.newContext({
      baseURL: base,
      extraHTTPHeaders: { 'x-real-ip': `10.241.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}` },
    });
    const page = await context.newPage();
    await page.goto('/login?callbackUrl=/dashboard');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => url.pathname.startsWith('/dashboard'), { timeout: 60_000 });
    return (await context.cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
  } finally {
    await browser.close();
  }
}

/** A database fault: the error page shows a reference id and none of the error's text, and the log has the detail. */
async function checkErrorPage(temp: string): Promise<{ ok: boolean; lines: string[] }> {
  const lines: string[] = [];
  const faultLog = path.join(temp, 'fault-server.log');
  const faultBase = `http://127.0.0.1:${faultPort}`;
  // Nothing listens on port 9 (discard) here: every query fails with a connection error.
  const server = startProductionServer({
    projectRoot,
    port: faultPort,
    env: { SITE_URL: faultBase, DATABASE_URL: 'postgresql://postgres@127.0.0.1:9/masthead_fault' },
    logFile: faultLog,
  });
  let ok = true;
  try {
    await server.waitReady('the fault server', '/robots.txt', 120_000, (status) => status > 0);
    const browser = await chromium.launch({ executablePath: chromePath, args: ['--no-sandbox', '--disable-gpu'] });
    try {
      const page = await browser.newPage();
      for (const p of ['/', '/search?q=budget']) {
        const response = await page.goto(`${faultBase}${p}`, { waitUntil: 'load' });
        const body = await page.locator('body').innerText();
        const html = await page.content();
        const reference =
          (
            await page
              .getByTestId('error-reference')
              .textContent({ timeout: 10_000 })
              .catch(() => null)
          )?.trim() ?? '';
        await new Promise((r) => setTimeout(r, 500)); // let the log flush
        const serverLog = await fs.readFile(faultLog, 'utf8');
        const problems: string[] = [];
        if (response?.status() !== 500) problems.push(`HTTP ${response?.status()} (expected 500)`);
        if (!/Something went wrong/.test(body)) problems.push('no plain error message');
        if (!/^[\w-]{4,64}$/.test(reference)) problems.push('no reference id');
        else if (!serverLog.includes(reference)) problems.push(`reference ${reference} is not in the server log`);
        if (!/ECONNREFUSED|connect|database|prisma/i.test(serverLog)) problems.push('the server log does not carry the database error');
        const leaks = findLeaks(html);
        if (/ECONNREFUSED|127\.0\.0\.1:9|masthead_fault/.test(html)) leaks.push("the error's own text");
        if (leaks.length) problems.push(`page leaks: ${leaks.join(', ')}`);
        lines.push(
          `${p} with the database down: ${problems.length ? `FAILED: ${problems.join('; ')}` : `plain message, reference ${reference} (found in the server log), no detail shown`}`,
        );
        if (problems.length) ok = false;
      }
    } finally {
      await browser.close();
    }
  } finally {
    await server.stop();
  }
  return { ok, lines };
}

async function child() {
  const temp = await fs.mkdtemp(path.join(os.tmpdir(), 'masthead-malformed-'));
  const serverLog = path.join(temp, 'server.log');
  const server = startProductionServer({ projectRoot, port, env: { SITE_URL: base, AUTH_TRUST_HOST: 'true' }, logFile: serverLog });
  let failed = true;
  try {
    const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await client.connect();
    const one = async (sql: string) => ((await client.query(sql)).rows[0] ?? {}) as Record<string, string>;
    const article = await one(
      `SELECT a.id, a.slug, s.slug AS section FROM "Article" a JOIN "Section" s ON s.id = a."sectionId" WHERE a.status = 'PUBLISHED' LIMIT 1`,
    );
    // Keys for the API's targets, made as the dashboard makes them.
    const keyDb = createPrismaClient(process.env.DATABASE_URL!, 2);
    const keys = {
      content: (await seedIntegration(keyDb, { scope: 'CONTENT', name: 'Malformed sweep content' })).key,
      admin: (await seedIntegration(keyDb, { scope: 'ADMIN', role: 'EDITOR', name: 'Malformed sweep admin' })).key,
    };
    // Subscribers of a demo newsletter and their reader links, signed as the server signs them (AUTH_SECRET).
    const newsletterId = (await one('SELECT id FROM "Newsletter" ORDER BY position, name LIMIT 1')).id ?? 'x';
    const subscriber = await keyDb.subscriber.create({
      data: { email: 'malformed-sweep@masthead.test', subscriptions: { create: [{ newsletterId, status: 'PENDING' }] } },
    });
    const deletable = await keyDb.subscriber.create({
      data: { email: 'malformed-sweep-delete@masthead.test', subscriptions: { create: [{ newsletterId, status: 'ACTIVE' }] } },
    });
    const secret = process.env.AUTH_SECRET!;
    const newsletter: NewsletterFixture = {
      id: newsletterId,
      tokens: {
        confirm: signReaderToken({ purpose: 'confirm', subscriberId: subscriber.id, newsletterIds: [newsletterId], secret }),
        unsubscribe: signReaderToken({ purpose: 'unsubscribe', subscriberId: subscriber.id, newsletterIds: [newsletterId], secret }),
        preferences: signReaderToken({ purpose: 'preferences', subscriberId: subscriber.id, secret }),
        deletable: signReaderToken({ purpose: 'preferences', subscriberId: deletable.id, secret }),
      },
    };
    const ids = {
      section: article.section ?? 'x',
      article: article.slug ?? 'x',
      articleId: article.id ?? 'x',
      author: (await one('SELECT slug FROM "Author" LIMIT 1')).slug ?? 'x',
      tag: (await one('SELECT slug FROM "Tag" LIMIT 1')).slug ?? 'x',
      campaign: (await one('SELECT slug FROM "Campaign" LIMIT 1')).slug ?? 'x',
      newsletter,
    };
    await keyDb.$disconnect();
    await client.end();

    await server.waitReady('the production server', '/robots.txt', 240_000);
    const cookies: Record<string, string> = {
      anonymous: '',
      writer: await signIn('writer@masthead.test', 'demo-writer-password'),
      admin: await signIn('admin@masthead.test', 'demo-admin-password'),
    };

    const newsletterForms = await newsletterActionBodies();
    const targets: Target[] = [];
    for (const who of ['anonymous', 'writer', 'admin'] as const) {
      // Anonymous and writer get every page and handler; the admin adds the pages only it can reach.
      targets.push(...pageAndRouteTargets(who, ids).filter((t) => who !== 'admin' || t.path.startsWith('/dashboard')));
      for (const action of serverActions(ids)) {
        for (const { name, body, type } of [
          ...actionBodies(),
          ...(action.page.startsWith('/dashboard/newsletters') ? newsletterForms : []),
        ]) {
          targets.push({
            endpoint: `action ${action.name}`,
            kind: `body ${name}`,
            method: 'POST',
            path: action.page,
            who,
            body,
            headers: { 'next-action': action.id, 'content-type': type, origin: base, accept: 'text/x-component', 'x-case': name },
          });
        }
        // An action id that does not exist, and a foreign Origin.
        targets.push({
          endpoint: 'action (unknown id)',
          kind: 'unknown action id',
          method: 'POST',
          path: action.page,
          who,
          body: '[]',
          headers: { 'next-action': '7f'.repeat(21), 'content-type': 'text/plain', origin: base },
        });
        targets.push({
          endpoint: `action ${action.name}`,
          kind: 'foreign Origin',
          method: 'POST',
          path: action.page,
          who,
          body: '[]',
          headers: { 'next-action': action.id, 'content-type': 'text/plain', origin: 'https://evil.example' },
        });
      }
    }
    targets.push(...apiTargets(keys, ids));
    const endpoints = new Set(targets.map((t) => t.endpoint));
    log(
      `${targets.length} requests to ${endpoints.size} endpoints (${serverActions(ids).length} server actions), ${CONCURRENCY} at a time…`,
    );

    const deadline = Date.now() + timeLimitMs;
    const results: Result[] = [];
    const queue = [...targets];
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        for (let t = queue.shift(); t && Date.now() < deadline; t = queue.shift()) results.push(await send(t, cookies));
      }),
    );
    const cutShort = results.length < targets.length;
    // The API answers every refusal in its one JSON shape (a 404 of an unknown method's route included).
    // Not counted: 405 (Next's own answer to a method a route does not export), 431 (Node's, to headers
    // over its limit, before any code of ours), and paths that `../` took out of /api/v1 on the way.
    const inApi = (p: string) => new URL(p, base).pathname.startsWith('/api/v1/');
    const unshaped = results.filter(
      (r) =>
        r.target.endpoint.startsWith('API ') &&
        inApi(r.target.path) &&
        r.status >= 400 &&
        r.status !== 405 &&
        r.status !== 431 &&
        !API_ERROR_SHAPE.test(r.body),
    );
    for (const r of unshaped.slice(0, 25))
      log(`UNSHAPED ${r.status}: ${r.target.method} ${r.target.path.slice(0, 100)} (${r.target.kind}): ${r.body.slice(0, 120)}`);
    const leaking = results.filter((r) => r.leaks.length);
    const histogram = new Map<number, number>();
    for (const r of results) histogram.set(r.status, (histogram.get(r.status) ?? 0) + 1);
    const statuses = [...histogram]
      .sort(([a], [b]) => a - b)
      .map(([s, n]) => `${s || 'no answer'}: ${n}`)
      .join(', ');
    for (const r of leaking.slice(0, 25))
      log(
        `LEAK (${r.leaks.join(', ')}) ${r.target.who} ${r.target.method} ${r.target.endpoint} ${r.target.path.slice(0, 100)} → ${r.status}\n      …${r.excerpt.replace(/\s+/g, ' ').slice(0, 300)}…`,
      );
    const unanswered = results.filter((r) => r.status === 0);
    for (const r of unanswered.slice(0, 10))
      log(`no answer: ${r.target.who} ${r.target.method} ${r.target.path.slice(0, 100)}: ${r.excerpt}`);
    // A malformed request is the client's fault: any 5xx outside the short allowlist fails the sweep.
    const answers = results.map((r) => ({ endpoint: r.target.endpoint, kind: r.target.kind, status: r.status }));
    const serverErrors = answers.filter((a) => a.status >= 500);
    const unexpected = unexpectedServerErrors(results.map((r) => ({ ...r, endpoint: r.target.endpoint, kind: r.target.kind })));
    const breakdown = serverErrorBreakdown(answers);
    if (breakdown.length)
      log(`5xx answers by kind of request:\n${breakdown.map(([n, key]) => `    ${String(n).padStart(4)} × ${key}`).join('\n')}`);
    for (const r of unexpected.slice(0, 25))
      log(
        `UNEXPECTED ${r.status}: ${r.target.who} ${r.target.method} ${r.target.path.slice(0, 100)} (${r.target.endpoint}, ${r.target.kind})`,
      );
    for (const entry of ALLOWED_SERVER_ERRORS) {
      const matched = serverErrors.filter((a) => allowedServerError(a) === entry).length;
      log(
        matched
          ? `allowed: ${matched} × ${entry.endpoint} / ${entry.kind}: ${entry.why}`
          : `allowlist entry ${entry.endpoint} / ${entry.kind} matched nothing: remove it.`,
      );
    }
    if (cutShort) log(`Time limit reached: ${results.length} of ${targets.length} sent.`);

    const errorPage = await checkErrorPage(temp);
    for (const line of errorPage.lines) log(line);
    printFigure(
      `malformed requests: ${results.length} sent to ${endpoints.size} endpoints, ${leaking.length} leaking responses, ${unshaped.length} API errors out of shape, ${serverErrors.length} answered 5xx of which ${unexpected.length} not allowed (status ${statuses})`,
    );
    printFigure(
      `error page: ${errorPage.lines.length} pages with the database down show a plain message and a reference id found in the server log${errorPage.ok ? '' : ' — FAILED'}`,
    );
    failed =
      leaking.length > 0 ||
      unexpected.length > 0 ||
      unshaped.length > 0 ||
      cutShort ||
      unanswered.length > 0 ||
      !errorPage.ok ||
      results.length === 0;
  } finally {
    await server.stop();
    if (!failed) await fs.rm(temp, { recursive: true, force: true });
    else log(`Server logs kept in ${temp}`);
  }
  process.exit(failed ? 1 : 0);
}

async function main() {
  if (process.argv.includes('--child')) return child();
  const tsx = path.join(projectRoot, 'node_modules', 'tsx', 'dist', 'cli.mjs');
  const env = { ...process.env, AUTH_SECRET: process.env.AUTH_SECRET ?? randomBytes(32).toString('base64url'), SITE_URL: base };
  const runner = spawn(
    process.execPath,
    [tsx, 'scripts/with-test-database.ts', '--seed', '--', process.execPath, tsx, fileURLToPath(import.meta.url), '--child'],
    { cwd: projectRoot, env, stdio: 'inherit' },
  );
  process.once('SIGTERM', () => runner.kill('SIGTERM'));
  process.exit(await new Promise<number>((resolve) => runner.on('exit', (c) => resolve(c ?? 1))));
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error: unknown) => {
    console.error(`[malformed] ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(1);
  });
}
