/**
 * The import (npm run import) against a real PostgreSQL, a temporary media folder and a real HTTP server
 * on 127.0.0.1 standing in for the old site: a WordPress and a Ghost export written for these tests
 * (tests/fixtures/import) in each format's real structure, hostile content included.
 *   npx tsx scripts/with-test-database.ts -- npx vitest run --project integration tests/import
 */
import { spawn } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { NextRequest } from 'next/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bodyDocumentSchema } from '@/lib/articles/body-schema';
import { snapshotToContent } from '@/lib/articles/article-writes';
import { saveArticle } from '@/lib/articles/save-article';
import { authenticateWithPassword } from '@/lib/auth/sign-in';
import { getDb } from '@/lib/db';
import { importUserEmail } from '@/lib/import/import-actor';
import type { ImportReport } from '@/lib/import/import-report';
import { runImport, type ImportOptions } from '@/lib/import/run-import';
import { createFileStorage, type MediaStorage } from '@/lib/media/storage';
import { forgetRedirects, lookupRedirect, redirectKeyOf } from '@/lib/redirects/redirect-lookup';
import { isSafeUrl } from '@/lib/text/safe-url';
import { proxy } from '@/proxy';
import { seedUser } from '../../prisma/seed/factories';
import { isBrowserSafe } from '../support/browser-url';
import { fixturePath, importCounts, startOldSite, type OldSite } from '../support/import-site';

const db = getDb();
let site: OldSite;
let mediaDir: string;
let storage: MediaStorage;
let wordpressFile: string;
let ghostFile: string;

const run = (options: Partial<ImportOptions> & Pick<ImportOptions, 'from' | 'file'>): Promise<ImportReport> =>
  runImport({ db, storage, options: { imageTimeoutMs: 5_000, ...options } });

const siteCounts = () => importCounts(db);

/** The site identity of each source's main import (other tests import the same files under other ones). */
const sites: Partial<Record<'wordpress' | 'ghost', string>> = {};

/** The article the main import made of a source item. */
async function imported(source: 'wordpress' | 'ghost', sourceId: string, kind = 'post') {
  const row = await db.importedItem.findFirstOrThrow({ where: { source, site: sites[source], kind, sourceId } });
  return db.article.findUniqueOrThrow({
    where: { id: row.targetId },
    include: {
      section: true,
      heroImage: true,
      authors: { orderBy: { position: 'asc' }, include: { author: true } },
      tags: { include: { tag: true } },
      revisions: true,
      createdBy: true,
    },
  });
}

/** What the proxy answers for an old address: the status and where it sends the reader. */
async function answer(url: string): Promise<{ status: number; location: string | null }> {
  forgetRedirects();
  const response = await proxy(new NextRequest(new URL(url, 'http://localhost:3000')));
  const location = response.headers.get('location');
  return { status: response.status, location: location ? new URL(location).pathname + new URL(location).search : null };
}

const warningCodes = (report: ImportReport) => report.warnings.map((w) => w.code);

beforeAll(async () => {
  site = await startOldSite();
  mediaDir = await mkdtemp(path.join(os.tmpdir(), 'masthead-import-media-'));
  storage = createFileStorage(mediaDir);
  wordpressFile = await site.exportFor('wordpress.xml', 'https://harbour.example');
  ghostFile = await site.exportFor('ghost.json', 'https://ghost.harbour.example');
});
afterAll(async () => {
  await site.close();
  await rm(mediaDir, { recursive: true, force: true });
});

describe('importing a WordPress export', () => {
  let first: ImportReport;
  beforeAll(async () => {
    first = await run({ from: 'wordpress', file: wordpressFile });
    sites.wordpress = first.site;
  });

  it('brings posts, a page, sections, tags, authors, images and redirects, and reports the rest', () => {
    expect(first.articles).toEqual({ created: 7, updated: 0, skipped: 0, failed: 0 });
    expect(first.pages).toEqual({ created: 1, updated: 0, skipped: 0, failed: 0 });
    expect(first.sections.created).toBe(2);
    expect(first.authors.created).toBe(2);
    expect(first.tags.created + first.tags.skipped).toBe(4);
    expect(first.images).toEqual({ downloaded: 3, reused: 0, failed: 2 });
    expect(first.redirects.written).toBe(15);
    expect(first.passedOver).toBe(3);
    expect(first.postsPerSecond).toBeGreaterThan(0);
    expect(warningCodes(first)).toEqual(
      expect.arrayContaining(['comments', 'not-imported', 'unknown-type', 'dropped', 'mapped', 'image-missing']),
    );
    const missing = first.warnings.filter((w) => w.code === 'image-missing').map((w) => w.message);
    expect(missing).toEqual([
      expect.stringMatching(/127\.0\.0\.1:\d+\/wp-content\/uploads\/2021\/06\/gone\.jpg \(the server refused the connection\)/),
      expect.stringMatching(/not-an-image\.jpg \(This file is a text file \(SVG, HTML or XML\), not a supported image/),
    ]);
  });

  it('keeps each post’s status and dates, its section, byline, tags and featured image with its words', async () => {
    const budget = await imported('wordpress', '101');
    expect(budget).toMatchObject({
      headline: 'Council approves the harbour budget',
      slug: 'council-approves-harbour-budget',
      status: 'PUBLISHED',
      bylineText: 'Jane Doe',
    });
    expect(budget.publishedAt?.toISOString()).toBe('2020-05-12T08:30:00.000Z');
    expect(budget.section).toMatchObject({ slug: 'city-hall', name: 'City Hall', description: "Council, mayor and the town's money" });
    expect(budget.tags.map((t) => t.tag.name).sort()).toEqual(['Budget', 'Harbour & Life']);
    expect(budget.heroImage).toMatchObject({
      alt: 'Fishing boats in the harbour at dawn',
      caption: 'Dawn over the harbour, May 2020',
      width: 640,
      height: 427,
    });
    expect(await storage.exists(budget.heroImage!.storageKey)).toBe(true);
    expect(budget.seoDescription).toBe('The council approved €4.2m for the harbour walls.');
    const body = bodyDocumentSchema.parse(budget.body);
    expect(body.content.map((b) => b.type)).toEqual(['paragraph', 'heading', 'bulletList', 'image', 'blockquote']);
    const inline = body.content.find((b) => b.type === 'image');
    expect(inline?.type === 'image' && inline.attrs).toMatchObject({
      alt: 'The east pier at low tide',
      caption: 'The east pier, where the new walls will go.',
      width: 400,
      height: 300,
      src: expect.stringMatching(/^\/media\/[0-9a-f]{32}\.png$/),
    });
    // A link to the old site is a path now, which its redirect answers.
    expect(JSON.stringify(body)).toContain('"href":"/2020/04/02/harbour-walls/"');

    expect(await imported('wordpress', '103')).toMatchObject({ status: 'DRAFT', publishedAt: null });
    const scheduled = await imported('wordpress', '104');
    expect(scheduled).toMatchObject({ status: 'SCHEDULED', publishedAt: null, section: { slug: 'harbour-life' } });
    expect(scheduled.scheduledAt?.toISOString()).toBe('2031-07-01T09:00:00.000Z');
    expect(await imported('wordpress', '105')).toMatchObject({ status: 'IN_REVIEW' });
    expect(await imported('wordpress', '106')).toMatchObject({ status: 'DRAFT', publishedAt: null });
    expect(await imported('wordpress', '102')).toMatchObject({ section: { slug: 'news', name: 'News' }, heroImageId: null });
    expect(await db.importedItem.count({ where: { source: 'wordpress', site: first.site, sourceId: { in: ['107', '400', '300'] } } })).toBe(
      0,
    );
    const page = await db.page.findUniqueOrThrow({ where: { slug: 'about-the-gazette' } });
    expect(page).toMatchObject({ title: 'About the Gazette', showInFooter: false });
  });

  it('acts as its own integration user, which cannot sign in: revisions, created-by and audit rows name it', async () => {
    const user = await db.user.findUniqueOrThrow({ where: { email: importUserEmail('wordpress') } });
    expect(user).toMatchObject({ name: 'WordPress import', kind: 'INTEGRATION', role: 'ADMIN' });
    const budget = await imported('wordpress', '101');
    expect(budget.createdById).toBe(user.id);
    expect(budget.revisions.map((r) => [r.version, r.editorId])).toEqual([[1, user.id]]);
    const batches = await db.auditEvent.findMany({ where: { actorId: user.id, action: 'import.posts', targetId: first.site } });
    expect(batches).toHaveLength(1);
    const change = await db.changeEvent.findFirstOrThrow({ where: { actorId: user.id, kind: 'import.posts', targetId: first.site } });
    expect(change.tags).toEqual(expect.arrayContaining(['content', `article:${budget.id}`, 'section:city-hall']));
    expect((await authenticateWithPassword(db, { email: user.email, password: 'correct horse battery staple', ip: '192.0.2.1' })).ok).toBe(
      false,
    );
  });

  it('answers the old addresses with 301s to the new ones, through the redirect lookup and the proxy', async () => {
    const budget = '/city-hall/council-approves-harbour-budget';
    for (const old of ['/2020/05/12/council-approves-harbour-budget/', '/2020/05/12/council-approves-harbour-budget', '/?p=101']) {
      const u = new URL(old, 'http://x');
      forgetRedirects();
      expect(await lookupRedirect(redirectKeyOf(u.pathname, u.searchParams)!), old).toBe(budget);
      expect(await answer(old), old).toEqual({ status: 301, location: budget });
    }
    expect(await answer('/about-the-gazette/')).toEqual({ status: 301, location: '/about/about-the-gazette' });
    expect(await answer('/?page_id=110')).toEqual({ status: 301, location: '/about/about-the-gazette' });
    expect(await answer('/category/city-hall/')).toEqual({ status: 301, location: '/city-hall' });
    expect(await answer('/tag/budget/')).toEqual({ status: 301, location: '/tags/budget' });
    expect(await answer('/author/jdoe/')).toEqual({ status: 301, location: '/authors/jane-doe' });
    // Drafts never had a public address, and unknown ones pass through (a trailing slash still moves, with 308).
    expect(await db.redirect.count({ where: { fromPath: '/?p=103' } })).toBe(0);
    expect(await answer('/2019/01/01/never-existed/')).toEqual({ status: 308, location: '/2019/01/01/never-existed' });
  });

  it('a second run creates nothing and downloads nothing it already has', async () => {
    const before = await siteCounts();
    const requests = site.requests.length;
    const second = await run({ from: 'wordpress', file: wordpressFile });
    expect(await siteCounts()).toEqual(before);
    expect(second.articles).toEqual({ created: 0, updated: 0, skipped: 7, failed: 0 });
    expect(second.pages).toEqual({ created: 0, updated: 0, skipped: 1, failed: 0 });
    expect([second.sections.created, second.authors.created, second.tags.created, second.redirects.written]).toEqual([0, 0, 0, 0]);
    // Only the posts whose images were missing are tried again, and only for those images.
    expect(second.images.reused).toBe(2);
    expect(site.requests.slice(requests)).toEqual(['/wp-content/uploads/2023/09/not-an-image.jpg']);
  });

  it('leaves hostile content as warnings, with nothing unsafe stored', async () => {
    const hostile = await imported('wordpress', '500');
    expect(hostile.headline).toHaveLength(300);
    const dropped = first.warnings.find((w) => w.code === 'dropped' && w.item === '500')!.message;
    for (const what of [
      'a script',
      'a style sheet',
      'an embedded page from evil.example (iframe)',
      'a form',
      'an event handler attribute (onerror)',
      'a link to “javascript:”',
    ])
      expect(dropped).toContain(what);
    expect(first.warnings.find((w) => w.code === 'mapped' && w.item === '500')?.message).toMatch(
      /The title was 4,979 characters; cut to 300/,
    );
    const articles = await db.article.findMany({
      select: { headline: true, standfirst: true, body: true, seoTitle: true, seoDescription: true, canonicalUrl: true },
    });
    const pages = await db.page.findMany({ select: { title: true, body: true } });
    for (const a of [...articles, ...pages]) {
      const text = JSON.stringify(a);
      expect(text).not.toMatch(/javascript:|onerror|onclick|<script|<iframe|<style|alert\(/i);
      const body = bodyDocumentSchema.parse(a.body);
      const addresses = JSON.stringify(body).match(/"(?:href|src)":"[^"]*"/g) ?? [];
      for (const attr of addresses) {
        const url = JSON.parse(`{${attr}}`) as { href?: string; src?: string };
        const value = url.href ?? url.src!;
        expect(isSafeUrl(value) && isBrowserSafe(value), value).toBe(true);
      }
    }
  });

  it('updates a post that changed in the export, and keeps one edited in Masthead since', async () => {
    const changed = path.join(path.dirname(wordpressFile), 'wordpress-changed.xml');
    const text = await readFile(wordpressFile, 'utf8');
    await writeFile(changed, text.replace('Council approves the harbour budget', 'Council approves the harbour budget, 7–2'));
    const updated = await run({ from: 'wordpress', file: changed });
    expect(updated.articles).toMatchObject({ created: 0, updated: 1 });
    const budget = await imported('wordpress', '101');
    expect(budget.headline).toBe('Council approves the harbour budget, 7–2');
    expect(budget.revisions.map((r) => r.version).sort()).toEqual([1, 2]);
    expect(budget.slug).toBe('council-approves-harbour-budget');

    const editor = await seedUser(db, { role: 'EDITOR' });
    const latest = budget.revisions.find((r) => r.version === 2)!;
    const content = await db.$transaction((tx) => snapshotToContent(tx, latest.snapshot));
    await saveArticle({
      db,
      actor: editor,
      input: { articleId: budget.id, baseVersion: 2, content: { ...content, headline: 'Harbour budget passes (edited)' } },
    });
    await writeFile(changed, text.replace('Council approves the harbour budget', 'Council approves the harbour budget, finally'));
    const kept = await run({ from: 'wordpress', file: changed });
    expect(kept.articles).toMatchObject({ created: 0, updated: 0 });
    expect(kept.warnings.find((w) => w.code === 'edited-in-masthead')?.message).toMatch(
      /was edited in Masthead since the last import: Masthead’s version is kept/,
    );
    expect((await imported('wordpress', '101')).headline).toBe('Harbour budget passes (edited)');
  });

  it('broken XML: the items before the break are imported and the break is a clear warning', async () => {
    const broken = await site.exportFor('wordpress-broken.xml', 'https://harbour.example');
    const report = await run({ from: 'wordpress', file: broken, siteUrl: 'https://broken.example' });
    expect(report.readError).toMatch(/^The XML is broken at line 167, column \d+: unexpected close tag/);
    expect(report.warnings.find((w) => w.code === 'read-error')?.message).toMatch(/Everything before it is imported/);
    expect(report.articles.created).toBe(2);
    expect(await db.importedItem.count({ where: { site: 'https://broken.example', kind: 'post' } })).toBe(2);
  });

  it('a dry run says what would happen and writes nothing', async () => {
    const before = await siteCounts();
    const audits = await db.auditEvent.count();
    const report = await run({ from: 'wordpress', file: wordpressFile, siteUrl: 'https://dry.example', dryRun: true });
    expect(report.dryRun).toBe(true);
    expect(report.articles).toEqual({ created: 7, updated: 0, skipped: 0, failed: 0 });
    expect(report.images.downloaded).toBeGreaterThan(0);
    expect(await siteCounts()).toEqual(before);
    expect(await db.auditEvent.count()).toBe(audits);
  });

  it('takes images from a local folder when told to (--media-dir), without the network', async () => {
    const folder = await mkdtemp(path.join(os.tmpdir(), 'masthead-import-offline-'));
    const uploads = path.join(folder, 'uploads', '2020', '05');
    await mkdir(uploads, { recursive: true });
    const pier = site.requests.length;
    for (const name of ['harbour.jpg', 'pier.png'])
      await writeFile(
        path.join(uploads, name),
        Buffer.from(await (await fetch(`${site.origin}/wp-content/uploads/2020/05/${name}`)).arrayBuffer()),
      );
    await cp(path.join(uploads, 'harbour.jpg'), path.join(folder, 'ferry.jpg'));
    const requests = site.requests.length;
    expect(requests - pier).toBe(2);
    const report = await run({ from: 'wordpress', file: wordpressFile, siteUrl: 'https://offline.example', mediaDir: folder });
    expect(site.requests.length).toBe(requests);
    expect(report.articles.created).toBe(7);
    expect(report.images).toMatchObject({ downloaded: 3, failed: 2 });
    expect(report.warnings.filter((w) => w.code === 'image-missing').map((w) => w.message)).toEqual([
      expect.stringMatching(/gone\.jpg \(it is not in the media folder \(looked for gone\.jpg\)\)/),
      expect.stringMatching(/not-an-image\.jpg \(it is not in the media folder/),
    ]);
    await rm(folder, { recursive: true, force: true });
  });
});

describe('importing a Ghost export', () => {
  let first: ImportReport;
  beforeAll(async () => {
    first = await run({ from: 'ghost', file: ghostFile, siteUrl: site.origin });
    sites.ghost = first.site;
  });

  it('brings posts with primary tags as sections, authors with bio and photo, feature images and pages', async () => {
    expect(first.articles).toEqual({ created: 8, updated: 0, skipped: 0, failed: 0 });
    expect(first.pages).toEqual({ created: 1, updated: 0, skipped: 0, failed: 0 });
    expect(first.images).toEqual({ downloaded: 3, reused: 0, failed: 1 });
    const lighthouse = await imported('ghost', '64a1f0c2e4b0a1b2c3d4e501');
    expect(lighthouse).toMatchObject({
      status: 'PUBLISHED',
      section: { slug: 'coast', name: 'Coast' },
      bylineText: 'Anna Berg, Bo Lind',
      seoTitle: 'Lighthouse lit again',
    });
    expect(lighthouse.publishedAt?.toISOString()).toBe('2022-11-03T07:00:00.000Z');
    expect(lighthouse.heroImage).toMatchObject({
      alt: 'The lighthouse at dusk, its lamp lit',
      caption: 'Photo: Harbour Photos',
      width: 1200,
    });
    expect(lighthouse.tags.map((t) => t.tag.slug).sort()).toEqual(['coast', 'weather']);
    const anna = lighthouse.authors[0]!.author;
    expect(anna).toMatchObject({ name: 'Anna Berg', slug: 'anna', bio: 'Anna covers the coast and the weather.' });
    expect(anna.photoId).not.toBeNull();
    expect(await imported('ghost', '64a1f0c2e4b0a1b2c3d4e505')).toMatchObject({ status: 'DRAFT' });
    const regatta = await imported('ghost', '64a1f0c2e4b0a1b2c3d4e504');
    expect(regatta.status).toBe('SCHEDULED');
    expect(regatta.scheduledAt?.toISOString()).toBe('2031-08-01T08:00:00.000Z');
    expect(await db.page.findUnique({ where: { slug: 'contact-the-newsroom' } })).not.toBeNull();
    expect(await db.author.count({ where: { slug: 'carl' } })).toBe(0);
    expect(await db.tag.count({ where: { name: '#newsletter' } })).toBe(0);
    expect(warningCodes(first)).toEqual(
      expect.arrayContaining(['internal-tags', 'page-not-published', 'dropped', 'mapped', 'image-missing']),
    );
  });

  it('answers the old /slug/ addresses with 301s', async () => {
    expect(await answer('/lighthouse-restored/')).toEqual({ status: 301, location: '/coast/lighthouse-restored' });
    expect(await answer('/harbour-cafe-opens/')).toEqual({ status: 301, location: '/food/harbour-cafe-opens' });
    expect(await answer('/contact-the-newsroom/')).toEqual({ status: 301, location: '/about/contact-the-newsroom' });
    expect(await answer('/author/anna/')).toEqual({ status: 301, location: '/authors/anna' });
  });

  it('a truncated file: the posts before the cut are imported and the cut is a clear warning', async () => {
    const report = await run({ from: 'ghost', file: fixturePath('ghost-truncated.json'), siteUrl: 'https://truncated.example' });
    expect(report.readError).toMatch(/^The file is not complete JSON/);
    expect(report.articles.created).toBe(2);
    // Their old addresses already answer for the first import: never taken over.
    expect(report.warnings.filter((w) => w.code === 'redirect').map((w) => w.message)).toEqual([
      'No redirect from /lighthouse-restored/: /lighthouse-restored already redirects to /coast/lighthouse-restored.',
      'No redirect from /harbour-cafe-opens/: /harbour-cafe-opens already redirects to /food/harbour-cafe-opens.',
    ]);
  });
});

it('Importing a WordPress and a Ghost export twice gives the same site with no duplicates; old URLs answer 301 to the new ones', async () => {
  const before = await siteCounts();
  const wordpress = await run({ from: 'wordpress', file: wordpressFile });
  const ghost = await run({ from: 'ghost', file: ghostFile, siteUrl: site.origin });
  expect(await siteCounts()).toEqual(before);
  for (const report of [wordpress, ghost]) {
    expect(report.articles.created + report.pages.created + report.sections.created + report.authors.created + report.tags.created).toBe(0);
  }
  expect(await answer('/2021/06/ferry-timetable-summer/')).toEqual({ status: 301, location: '/news/ferry-timetable-summer' });
  expect(await answer('/lighthouse-restored/')).toEqual({ status: 301, location: '/coast/lighthouse-restored' });
});

describe('the command line (npm run import)', () => {
  const cli = (args: string[]) =>
    new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, ['--import', 'tsx', '--conditions=react-server', 'scripts/import.ts', ...args], {
        env: process.env,
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      child.on('exit', (code) => resolve({ code, stdout, stderr }));
    });

  it('prints the summary and writes the report where --report says; refuses a call without --from', async () => {
    const report = path.join(path.dirname(wordpressFile), 'cli-report.json');
    const ok = await cli(['--from', 'wordpress', wordpressFile, '--dry-run', '--report', report]);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(/^Dry run \(nothing was written\): wordpress export/);
    expect(ok.stdout).toMatch(/posts\/s/);
    expect(JSON.parse(await readFile(report, 'utf8'))).toMatchObject({ source: 'wordpress', dryRun: true, articles: { created: 0 } });
    const bad = await cli([wordpressFile]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^Usage: npm run import -- --from wordpress\|ghost/);
  });

  it('refuses to run as a disabled import user', async () => {
    const email = importUserEmail('ghost');
    await db.user.update({ where: { email }, data: { disabled: true } });
    await expect(run({ from: 'ghost', file: ghostFile, siteUrl: site.origin })).rejects.toThrow(/The Ghost import user is disabled/);
    await db.user.update({ where: { email }, data: { disabled: false } });
  });
});
