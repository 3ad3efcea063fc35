/**
 * The Content and Admin API against a real PostgreSQL, through the route handlers themselves (what
 * Next calls): keys (none, malformed, unknown, rotated, revoked, content vs admin), the published
 * predicate under every filter, cursors, fields, ETags, CORS, rate limits, the error shape, and the
 * Admin API's writes as the dashboard's operations (409 on a stale version, the checklist, audit rows).
 *   npx tsx scripts/with-test-database.ts -- npx vitest run --project integration tests/api.test.ts
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import SwaggerParser from '@apidevtools/swagger-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as articleItem from '@/app/api/v1/articles/[id]/route';
import * as transitions from '@/app/api/v1/articles/[id]/transitions/route';
import * as byPath from '@/app/api/v1/articles/by-path/[section]/[slug]/route';
import * as articles from '@/app/api/v1/articles/route';
import * as authorItem from '@/app/api/v1/authors/[id]/route';
import * as images from '@/app/api/v1/images/route';
import * as webhookItem from '@/app/api/v1/webhooks/[id]/route';
import * as webhooks from '@/app/api/v1/webhooks/route';
import * as openapi from '@/app/api/v1/openapi.json/route';
import * as sections from '@/app/api/v1/sections/route';
import * as tagItem from '@/app/api/v1/tags/[id]/route';
import * as tags from '@/app/api/v1/tags/route';
import type { Actor } from '@/lib/auth/actor';
import { getDb } from '@/lib/db';
import { createIntegration } from '@/lib/integrations/create-integration';
import { parseKey } from '@/lib/integrations/decide-key';
import { consumeApiCall } from '@/lib/integrations/rate-limit';
import { revokeIntegration } from '@/lib/integrations/revoke-integration';
import { rotateIntegrationKey } from '@/lib/integrations/rotate-integration-key';
import { authenticateWithPassword } from '@/lib/auth/sign-in';
import { seedArticle, seedAuthor, seedSection, seedTag, seedUser, uniqueSuffix } from '../prisma/seed/factories';
import { realImage } from './support/image-files';

const db = getDb();
afterAll(() => db.$disconnect());

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;
const BASE = 'http://localhost:3000/api/v1';

async function call(
  handler: Handler,
  path: string,
  {
    key,
    method = 'GET',
    body,
    headers = {},
    params = {},
  }: { key?: string; method?: string; body?: unknown; headers?: Record<string, string>; params?: Record<string, string> } = {},
) {
  const init: RequestInit = { method, headers: { ...(key ? { authorization: `Bearer ${key}` } : {}), ...headers } };
  if (body instanceof FormData) init.body = body;
  else if (body !== undefined) {
    init.body = typeof body === 'string' ? body : JSON.stringify(body);
    (init.headers as Record<string, string>)['content-type'] ??= 'application/json';
  }
  const response = await handler(new Request(`${BASE}${path}`, init), { params: Promise.resolve(params) });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers, // eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON answers, checked by the assertions
    json: text ? (JSON.parse(text) as Record<string, any>) : null,
  };
}

let admin: Actor;
let contentKey: string;
let editorKey: string;
let writerKey: string;
let section: { id: string; slug: string };
let author: { id: string; slug: string };
let published: { id: string; slug: string };
const hidden: Record<string, string> = {};
const suffix = uniqueSuffix();

beforeAll(async () => {
  const u = await seedUser(db, { role: 'ADMIN' });
  admin = { id: u.id, name: u.name, email: u.email, role: u.role };
  contentKey = (await createIntegration({ db, actor: admin, input: { name: `Apple News ${suffix}`, scope: 'content' } })).result.key;
  editorKey = (await createIntegration({ db, actor: admin, input: { name: `Wire desk ${suffix}`, scope: 'admin', role: 'EDITOR' } })).result
    .key;
  writerKey = (await createIntegration({ db, actor: admin, input: { name: `Stringer ${suffix}`, scope: 'admin', role: 'WRITER' } })).result
    .key;
  section = await seedSection(db, { name: `Api section ${suffix}` });
  author = await seedAuthor(db, { name: `Api Author ${suffix}` });
  const tag = await seedTag(db, `api-tag-${suffix}`);
  published = await seedArticle(db, {
    headline: `Api visible zebrafish ${suffix}`,
    sectionId: section.id,
    authorIds: [author.id],
    publishedAt: new Date(Date.now() - 60_000),
  });
  await db.articleTag.create({ data: { articleId: published.id, tagId: tag.id } });
  const past = new Date(Date.now() - 120_000);
  hidden.draft = (
    await seedArticle(db, { headline: `Api draft zebrafish ${suffix}`, sectionId: section.id, authorIds: [author.id], status: 'DRAFT' })
  ).id;
  hidden.review = (
    await seedArticle(db, {
      headline: `Api review zebrafish ${suffix}`,
      sectionId: section.id,
      authorIds: [author.id],
      status: 'IN_REVIEW',
    })
  ).id;
  hidden.scheduled = (
    await seedArticle(db, {
      headline: `Api scheduled zebrafish ${suffix}`,
      sectionId: section.id,
      authorIds: [author.id],
      status: 'SCHEDULED',
      scheduledAt: new Date(Date.now() + 3_600_000),
    })
  ).id;
  hidden.future = (
    await seedArticle(db, {
      headline: `Api future zebrafish ${suffix}`,
      sectionId: section.id,
      authorIds: [author.id],
      publishedAt: new Date(Date.now() + 3_600_000),
    })
  ).id;
  hidden.archived = (
    await seedArticle(db, {
      headline: `Api archived zebrafish ${suffix}`,
      sectionId: section.id,
      authorIds: [author.id],
      status: 'ARCHIVED',
      publishedAt: past,
    })
  ).id;
  hidden.trashed = (
    await seedArticle(db, {
      headline: `Api trashed zebrafish ${suffix}`,
      sectionId: section.id,
      authorIds: [author.id],
      publishedAt: past,
      deletedAt: new Date(),
    })
  ).id;
  for (const id of Object.values(hidden)) await db.articleTag.create({ data: { articleId: id, tagId: tag.id } });
});

describe('keys', () => {
  it('answers 401 in the one error shape for no key, a malformed header, a non-key and an unknown key', async () => {
    for (const [headers, fragment] of [
      [{}, 'Send an API key'],
      [{ authorization: 'Basic dXNlcjpwYXNz' }, 'Bearer <key>'],
      [{ authorization: 'Bearer not-a-key' }, 'not a Masthead API key'],
      [{ authorization: `Bearer ${contentKey.slice(0, -4)}AAAA` }, 'not valid'],
    ] as const) {
      const res = await call(articles.GET, '/articles', { headers });
      expect(res.status).toBe(401);
      expect(res.json).toEqual({ error: { code: 'unauthorized', message: expect.stringContaining(fragment) } });
    }
  });

  it('accepts a content key as Bearer or as ?key= on the Content API, never ?key= on the Admin API', async () => {
    expect((await call(articles.GET, `/articles?key=${contentKey}`)).status).toBe(200);
    expect((await call(articles.GET, '/articles', { key: contentKey })).status).toBe(200);
    const res = await call(articles.POST, `/articles?key=${editorKey}`, { method: 'POST', body: { headline: 'x', sectionId: section.id } });
    expect(res.status).toBe(401);
  });

  it('refuses writes with a content key (403) and lets an admin key read', async () => {
    const res = await call(articles.POST, '/articles', { key: contentKey, method: 'POST', body: { headline: 'x', sectionId: section.id } });
    expect(res.status).toBe(403);
    expect(res.json?.error.code).toBe('forbidden');
    expect((await call(articles.GET, '/articles', { key: editorKey })).status).toBe(200);
  });

  it('stops a rotated key at once and a revoked one for good; records when a key was last used', async () => {
    const made = await createIntegration({ db, actor: admin, input: { name: `Rotating ${suffix}`, scope: 'content' } });
    expect((await call(sections.GET, '/sections', { key: made.result.key })).status).toBe(200);
    const row = await db.integration.findUniqueOrThrow({ where: { id: made.result.id } });
    expect(row.lastUsedAt).not.toBeNull();
    // The secret is base64url and may hold '_' itself, so it is parsed, not split off at the last '_'
    // (a one-character tail such as "8" is in a hex hash by chance: CI failed that way).
    expect(row.secretHash).not.toContain(parseKey(made.result.key)!.secret);
    const rotated = await rotateIntegrationKey({ db, actor: admin, input: { integrationId: made.result.id } });
    expect((await call(sections.GET, '/sections', { key: made.result.key })).status).toBe(401);
    expect((await call(sections.GET, '/sections', { key: rotated.result.key })).status).toBe(200);
    await revokeIntegration({ db, actor: admin, input: { integrationId: made.result.id } });
    const res = await call(sections.GET, '/sections', { key: rotated.result.key });
    expect(res.status).toBe(401);
    expect(res.json?.error.message).toContain('revoked');
  });

  it('refuses to rotate or create integrations for anyone but an admin', async () => {
    const editor = await seedUser(db, { role: 'EDITOR' });
    const actor = { id: editor.id, name: editor.name, email: editor.email, role: editor.role };
    await expect(createIntegration({ db, actor, input: { name: 'Nope', scope: 'content' } })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(createIntegration({ db, actor: admin, input: { name: 'No role', scope: 'admin' } })).rejects.toMatchObject({
      code: 'INVALID',
      fieldErrors: { role: [expect.any(String)] },
    });
  });

  it('never lets an integration’s user sign in', async () => {
    const made = await createIntegration({ db, actor: admin, input: { name: `Signin ${suffix}`, scope: 'admin', role: 'ADMIN' } });
    const row = await db.integration.findUniqueOrThrow({ where: { id: made.result.id }, include: { user: true } });
    expect(row.user?.kind).toBe('INTEGRATION');
    const attempt = await authenticateWithPassword(db, { email: row.user!.email, password: made.result.key, ip: '203.0.113.9' });
    expect(attempt.ok).toBe(false);
  });

  it('creates an integration from the command line, printing only the key on stdout', async () => {
    const run = (args: string[]) =>
      promisify(execFile)(process.execPath, ['--import', 'tsx', '--conditions=react-server', 'scripts/integration-create.ts', ...args], {
        env: process.env,
      });
    const { stdout, stderr } = await run(['--name', `Cli ${suffix}`, '--scope', 'admin', '--role', 'writer']);
    const key = stdout.trim();
    expect(key).toMatch(/^mh_admin_[a-z2-9]{12}_[A-Za-z0-9_-]{43}$/);
    expect(stderr).toContain('shown only this once');
    expect((await call(articles.GET, '/articles', { key })).status).toBe(200);
    const row = await db.integration.findFirstOrThrow({ where: { name: `Cli ${suffix}` }, include: { user: true } });
    expect(row).toMatchObject({ scope: 'ADMIN', createdById: null, user: { role: 'WRITER', kind: 'INTEGRATION' } });
    await expect(run(['--name', `Cli bad ${suffix}`, '--scope', 'content', '--role', 'ADMIN'])).rejects.toMatchObject({
      stderr: expect.stringContaining('role: A content key reads only'),
    });
  });

  it('answers 429 with Retry-After over a key’s limit, counted in PostgreSQL', async () => {
    const made = await createIntegration({ db, actor: admin, input: { name: `Busy ${suffix}`, scope: 'content' } });
    const first = await consumeApiCall(db, { scope: 'content', keyId: `probe-${suffix}`, limit: 2 });
    expect(first).toMatchObject({ allowed: true, remaining: 1, limit: 2 });
    await consumeApiCall(db, { scope: 'content', keyId: `probe-${suffix}`, limit: 2 });
    expect(await consumeApiCall(db, { scope: 'content', keyId: `probe-${suffix}`, limit: 2 })).toMatchObject({
      allowed: false,
      remaining: 0,
    });
    // Fill this key's window as many calls from other instances would.
    await db.apiRateLimit.create({
      data: { key: `api-content:${made.result.id}`, points: 1_000_000, expire: new Date(Date.now() + 30_000) },
    });
    const res = await call(articles.GET, '/articles', { key: made.result.key });
    expect(res.status).toBe(429);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(res.json?.error.code).toBe('rate_limited');
  });
});

describe('Content API', () => {
  it('returns only published articles, whatever the filter', async () => {
    const filters = [
      '',
      `section=${section.slug}`,
      `author=${author.slug}`,
      `tag=api-tag-${suffix}`,
      'q=zebrafish',
      `q=zebrafish&section=${section.slug}`,
      'sponsored=false',
      'since=2000-01-01T00:00:00Z',
    ];
    for (const filter of filters) {
      const ids: string[] = [];
      let cursor: string | null = null;
      do {
        const res: Awaited<ReturnType<typeof call>> = await call(
          articles.GET,
          `/articles?${filter}&limit=100&fields=id,status${cursor ? `&cursor=${cursor}` : ''}`,
          { key: contentKey },
        );
        expect(res.status, filter).toBe(200);
        ids.push(...res.json!.items.map((a: { id: string; status: string }) => (expect(a.status).toBe('PUBLISHED'), a.id)));
        cursor = res.json!.nextCursor;
      } while (cursor);
      for (const [kind, id] of Object.entries(hidden)) expect(ids, `${kind} under "${filter}"`).not.toContain(id);
      if (filter !== 'sponsored=false' && filter !== 'since=2000-01-01T00:00:00Z' && filter !== '')
        expect(ids, filter).toContain(published.id);
    }
    for (const id of Object.values(hidden))
      expect((await call(articleItem.GET, `/articles/${id}`, { key: contentKey, params: { id } })).status).toBe(404);
  });

  it('finds an article by id and by its path, with the body as a document and as sanitised HTML', async () => {
    const res = await call(articleItem.GET, `/articles/${published.id}`, { key: contentKey, params: { id: published.id } });
    expect(res.status).toBe(200);
    const a = res.json!.article;
    expect(a).toMatchObject({
      id: published.id,
      path: `/${section.slug}/${published.slug}`,
      section: { slug: section.slug },
      authors: [{ id: author.id }],
      tags: [{ slug: `api-tag-${suffix}` }],
    });
    expect(a.body.type).toBe('doc');
    expect(a.bodyHtml).toMatch(/^<(p|h2|h3|ul|ol|blockquote)/);
    expect(a.url).toBe(`http://localhost:3000/${section.slug}/${published.slug}`);
    const again = await call(byPath.GET, `/articles/by-path/${section.slug}/${published.slug}`, {
      key: contentKey,
      params: { section: section.slug, slug: published.slug },
    });
    expect(again.json!.article.id).toBe(published.id);
  });

  it('pages with a stable cursor and narrows fields', async () => {
    for (let i = 0; i < 5; i++)
      await seedArticle(db, {
        headline: `Api page ${i} ${suffix}`,
        sectionId: section.id,
        authorIds: [author.id],
        publishedAt: new Date(Date.now() - 10_000 - i * 1000),
      });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res: Awaited<ReturnType<typeof call>> = await call(
        articles.GET,
        `/articles?section=${section.slug}&limit=2&fields=id,headline${cursor ? `&cursor=${cursor}` : ''}`,
        { key: contentKey },
      );
      for (const item of res.json!.items) expect(Object.keys(item)).toEqual(['id', 'headline']);
      seen.push(...res.json!.items.map((a: { id: string }) => a.id));
      cursor = res.json!.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(6);
    expect(new Set(seen).size).toBe(6);
    const bad = await call(articles.GET, '/articles?cursor=nonsense', { key: contentKey });
    expect(bad.status).toBe(400);
  });

  it('refuses unknown parameters and fields with 400 naming them', async () => {
    const res = await call(articles.GET, '/articles?secton=news', { key: contentKey });
    expect(res.status).toBe(400);
    expect(res.json?.error.code).toBe('bad_request');
    const f = await call(articles.GET, '/articles?fields=id,password', { key: contentKey });
    expect(f.status).toBe(400);
    expect(f.json?.error.fields?.fields?.[0]).toContain('password');
  });

  it('answers 304 to If-None-Match, and CORS for any origin', async () => {
    const first = await call(articleItem.GET, `/articles/${published.id}`, {
      key: contentKey,
      params: { id: published.id },
      headers: { origin: 'https://partner.example' },
    });
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^"[A-Za-z0-9_-]+"$/);
    expect(first.headers.get('access-control-allow-origin')).toBe('*');
    const second = await call(articleItem.GET, `/articles/${published.id}`, {
      key: contentKey,
      params: { id: published.id },
      headers: { 'if-none-match': etag },
    });
    expect(second.status).toBe(304);
    const preflight = articles.OPTIONS();
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-headers')).toContain('Authorization');
  });

  it('lists sections, tags on published articles, and an author by slug', async () => {
    const s = await call(sections.GET, '/sections?limit=100', { key: contentKey });
    expect(s.json!.items.map((x: { id: string }) => x.id)).toContain(section.id);
    const t = await call(tags.GET, '/tags?limit=100', { key: contentKey });
    expect(t.json!.items.map((x: { slug: string }) => x.slug)).toContain(`api-tag-${suffix}`);
    // A tag only drafts carry is not there for readers, by list or by slug.
    const draftTag = await seedTag(db, `api-draft-tag-${suffix}`);
    await db.articleTag.create({ data: { articleId: hidden.draft!, tagId: draftTag.id } });
    expect(t.json!.items.map((x: { slug: string }) => x.slug)).not.toContain(draftTag.slug);
    expect((await call(tagItem.GET, `/tags/${draftTag.slug}`, { key: contentKey, params: { id: draftTag.slug } })).status).toBe(404);
    expect((await call(tagItem.GET, `/tags/api-tag-${suffix}`, { key: contentKey, params: { id: `api-tag-${suffix}` } })).status).toBe(200);
    const a = await call(authorItem.GET, `/authors/${author.slug}`, { key: contentKey, params: { id: author.slug } });
    expect(a.json!.author).toMatchObject({ id: author.id, url: `http://localhost:3000/authors/${author.slug}` });
  });
});

describe('Admin API', () => {
  let heroId: string;

  it('uploads an image through the media library’s checks', async () => {
    const form = new FormData();
    form.set('file', new Blob([new Uint8Array(await realImage('png', 1200, 675))], { type: 'image/png' }), 'hero.png');
    form.set('alt', 'A lab bench');
    const res = await call(images.POST, '/images', { key: editorKey, method: 'POST', body: form });
    expect(res.status).toBe(201);
    expect(res.json!.image).toMatchObject({ width: 1200, height: 675, alt: 'A lab bench' });
    heroId = res.json!.image.id;
    const fake = new FormData();
    fake.set('file', new Blob(['<script>alert(1)</script>'], { type: 'image/png' }), 'x.png');
    const refused = await call(images.POST, '/images', { key: editorKey, method: 'POST', body: fake });
    expect(refused.status).toBe(422);
    expect(refused.json?.error.fields?.file).toBeDefined();
    expect((await call(images.POST, '/images', { key: editorKey, method: 'POST', body: { file: 'x' } })).status).toBe(415);
  });

  it('creates, updates (409 when stale) and publishes an article as the dashboard does, every call audited as the integration', async () => {
    const headline = `Wire: gene therapy trial ${suffix}`;
    const created = await call(articles.POST, '/articles', {
      key: editorKey,
      method: 'POST',
      body: { headline, sectionId: section.id, standfirst: 'First results.', authorIds: [author.id] },
    });
    expect(created.status).toBe(201);
    const id = created.json!.article.id as string;
    expect(created.json!.article).toMatchObject({ status: 'DRAFT', headline, standfirst: 'First results.', authors: [{ id: author.id }] });
    const v = created.json!.article.version as number;

    // Not on the Content API while a draft.
    expect((await call(articleItem.GET, `/articles/${id}`, { key: contentKey, params: { id } })).status).toBe(404);

    const updated = await call(articleItem.PATCH, `/articles/${id}`, {
      key: editorKey,
      method: 'PATCH',
      params: { id },
      body: {
        version: v,
        heroImageId: heroId,
        heroAlt: 'A lab bench',
        body: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Patients improved.' }] }] },
      },
    });
    expect(updated.status).toBe(200);
    expect(updated.json!.article.version).toBe(v + 1);
    expect(updated.json!.article.headline).toBe(headline);

    const stale = await call(articleItem.PATCH, `/articles/${id}`, {
      key: editorKey,
      method: 'PATCH',
      params: { id },
      body: { version: v, headline: 'Overwrite' },
    });
    expect(stale.status).toBe(409);
    expect(stale.json).toEqual({ error: { code: 'conflict', message: expect.any(String), current: { version: v + 1 } } });

    const invalid = await call(articleItem.PATCH, `/articles/${id}`, {
      key: editorKey,
      method: 'PATCH',
      params: { id },
      body: { version: v + 1, headline: '' },
    });
    expect(invalid.status).toBe(422);
    expect(invalid.json?.error.fields?.headline).toBeDefined();
    expect(
      (await call(articleItem.PATCH, `/articles/${id}`, { key: editorKey, method: 'PATCH', params: { id }, body: '{"version":' })).status,
    ).toBe(400);
    expect(
      (
        await call(articleItem.PATCH, `/articles/${id}`, {
          key: editorKey,
          method: 'PATCH',
          params: { id },
          body: { version: v + 1, owner: 'me' },
        })
      ).status,
    ).toBe(422);

    const published = await call(transitions.POST, `/articles/${id}/transitions`, {
      key: editorKey,
      method: 'POST',
      params: { id },
      body: { action: 'publish' },
    });
    expect(published.status).toBe(200);
    expect(published.json!.article.status).toBe('PUBLISHED');

    const read = await call(articleItem.GET, `/articles/${id}`, { key: contentKey, params: { id } });
    expect(read.status).toBe(200);
    expect(read.json!.article.bodyHtml).toBe('<p>Patients improved.</p>');

    const integration = await db.integration.findFirstOrThrow({ where: { name: `Wire desk ${suffix}` } });
    const audit = await db.auditEvent.findMany({
      where: { targetId: id },
      orderBy: { createdAt: 'asc' },
      select: { action: true, actorId: true },
    });
    // Create with fields is a create and a save (the dashboard's two steps); then the PATCH and the publish.
    expect(audit.map((e) => e.action)).toEqual(['article.create', 'article.save', 'article.save', 'article.publish']);
    expect(new Set(audit.map((e) => e.actorId))).toEqual(new Set([integration.userId]));
  });

  it('applies the publish checklist and the role’s capabilities', async () => {
    const bare = await call(articles.POST, '/articles', {
      key: editorKey,
      method: 'POST',
      body: { headline: `Bare ${suffix}`, sectionId: section.id },
    });
    const id = bare.json!.article.id as string;
    const refused = await call(transitions.POST, `/articles/${id}/transitions`, {
      key: editorKey,
      method: 'POST',
      params: { id },
      body: { action: 'publish' },
    });
    expect(refused.status).toBe(422);
    expect(Object.keys(refused.json!.error.fields)).toEqual(expect.arrayContaining(['authorIds', 'heroImage']));

    const mine = await call(articles.POST, '/articles', {
      key: writerKey,
      method: 'POST',
      body: { headline: `Writer's ${suffix}`, sectionId: section.id },
    });
    const wid = mine.json!.article.id as string;
    const denied = await call(transitions.POST, `/articles/${wid}/transitions`, {
      key: writerKey,
      method: 'POST',
      params: { id: wid },
      body: { action: 'publish' },
    });
    expect(denied.status).toBe(403);
    expect(
      (
        await call(transitions.POST, `/articles/${wid}/transitions`, {
          key: writerKey,
          method: 'POST',
          params: { id: wid },
          body: { action: 'submit' },
        })
      ).status,
    ).toBe(200);
    // A writer's key cannot see, let alone change, another's draft.
    expect(
      (
        await call(articleItem.PATCH, `/articles/${id}`, {
          key: writerKey,
          method: 'PATCH',
          params: { id },
          body: { version: 1, headline: 'Mine now' },
        })
      ).status,
    ).toBe(404);
  });

  it('refuses a body that is not JSON (415) or too large (413), and creates nothing on a refused create', async () => {
    const before = await db.article.count();
    expect(
      (
        await call(articles.POST, '/articles', {
          key: editorKey,
          method: 'POST',
          body: 'headline=x',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
        })
      ).status,
    ).toBe(415);
    const big = await call(articles.POST, '/articles', {
      key: editorKey,
      method: 'POST',
      body: JSON.stringify({ headline: 'x', sectionId: section.id, standfirst: 'x'.repeat(3 * 1024 * 1024) }),
    });
    expect(big.status).toBe(413);
    const invalid = await call(articles.POST, '/articles', {
      key: editorKey,
      method: 'POST',
      body: { headline: 'Fine', sectionId: section.id, canonicalUrl: 'javascript:alert(1)' },
    });
    expect(invalid.status).toBe(422);
    expect(invalid.json?.error.fields?.canonicalUrl).toBeDefined();
    expect(await db.article.count()).toBe(before);
  });
});

describe('the webhooks of the Admin API', () => {
  it('an admin key of an Admin registers, lists and deletes endpoints; the secret is shown once; other keys are refused; a private URL is a 422 naming the field', async () => {
    const adminKey = (await createIntegration({ db, actor: admin, input: { name: `Hooks admin ${suffix}`, scope: 'admin', role: 'ADMIN' } })).result.key;
    const url = `https://hooks.example.com/api-${suffix}`;
    const made = await call(webhooks.POST, '/webhooks', { key: adminKey, method: 'POST', body: { url, events: ['article.published', 'section.updated'] } });
    expect(made.status).toBe(201);
    expect(made.json?.webhook).toMatchObject({ url, events: ['article.published', 'section.updated'], enabled: true, deliveries: 0 });
    expect(made.json?.webhook.secret).toMatch(/^whsec_/);
    const id = made.json?.webhook.id as string;

    const list = await call(webhooks.GET, '/webhooks', { key: adminKey });
    expect(list.status).toBe(200);
    const listed = (list.json?.items as { id: string; secret?: string }[]).find((e) => e.id === id);
    expect(listed).toBeDefined();
    expect(listed).not.toHaveProperty('secret');

    for (const key of [editorKey, writerKey]) {
      expect((await call(webhooks.GET, '/webhooks', { key })).status).toBe(403);
      expect((await call(webhooks.POST, '/webhooks', { key, method: 'POST', body: { url: `${url}/x`, events: ['article.published'] } })).status).toBe(403);
      expect((await call(webhookItem.DELETE, `/webhooks/${id}`, { key, method: 'DELETE', params: { id } })).status).toBe(403);
    }
    expect((await call(webhooks.GET, '/webhooks', { key: contentKey })).status).toBe(403);

    const refused = await call(webhooks.POST, '/webhooks', { key: adminKey, method: 'POST', body: { url: 'https://169.254.169.254/latest', events: ['article.published'] } });
    expect(refused.status).toBe(422);
    expect(refused.json?.error.fields?.url).toBeDefined();
    const unknownEvent = await call(webhooks.POST, '/webhooks', { key: adminKey, method: 'POST', body: { url, events: ['article.viewed'] } });
    expect(unknownEvent.status).toBe(422);
    expect(await db.webhookEndpoint.count({ where: { url: { startsWith: url } } })).toBe(1);

    expect((await call(webhookItem.DELETE, `/webhooks/${id}`, { key: adminKey, method: 'DELETE', params: { id } })).status).toBe(204);
    expect(await db.webhookEndpoint.count({ where: { id } })).toBe(0);
    expect((await call(webhookItem.DELETE, `/webhooks/${id}`, { key: adminKey, method: 'DELETE', params: { id } })).status).toBe(404);
  });
});

describe('the OpenAPI document', () => {
  it('is valid OpenAPI 3.1 by an independent validator, and names every route', async () => {
    const res = openapi.GET();
    const doc = await res.json();
    expect(doc.openapi).toBe('3.1.0');
    await SwaggerParser.validate(structuredClone(doc));
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/articles',
        '/articles/{id}',
        '/articles/{id}/transitions',
        '/articles/by-path/{section}/{slug}',
        '/sections',
        '/sections/{id}',
        '/authors',
        '/authors/{id}',
        '/campaigns',
        '/campaigns/{id}',
        '/tags',
        '/tags/{id}',
        '/images',
        '/webhooks',
        '/webhooks/{id}',
      ]),
    );
  });
});
