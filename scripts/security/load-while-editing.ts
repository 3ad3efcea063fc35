/**
 * Load while editing: readers hammer the front page, a section front and an article (50 connections in
 * all, 30 s, wrk or else autocannon, `Accept-Encoding: gzip`) while an editor saves that same article
 * once a second through the dashboard's real path: the `saveArticleAction` server action over HTTP with
 * the editor's session, each save based on the version the previous one returned (as the editor's
 * autosave does). Passes when readers got 0 errors (non-2xx/3xx answers, socket errors, timeouts) and
 * every save was acknowledged and is in the revision history with the text it sent.
 *
 *   npx tsx scripts/with-test-database.ts --seed -- node --conditions=react-server --import tsx scripts/security/load-while-editing.ts
 *   (LOAD_PORT default 3640, LOAD_SECONDS default 30, LOAD_CONNECTIONS default 50)
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Actor } from '@/lib/auth/actor';
import type { BodyDocument } from '@/lib/articles/body-schema';
import { editorContentOf, getArticleForEditOrThrow } from '@/lib/articles/dashboard-queries';
import { getDb } from '@/lib/db';
import { seedUser } from '../../prisma/seed/factories';
import { measureUrl, pickLoadTool } from '../bench/load';
import type { LoadResult } from '../bench/decide-load-result';
import { projectRoot } from '../lib/database';
import { httpStatus, printFigure, sleep, startProductionServer } from './lib/harness';
import { builtAction, callAction, signIn } from './lib/next-http';

const port = Number(process.env.LOAD_PORT ?? 3640);
const seconds = Number(process.env.LOAD_SECONDS ?? 30);
const connections = Number(process.env.LOAD_CONNECTIONS ?? 50);
const base = `http://127.0.0.1:${port}`;
const PASSWORD = 'load while editing password';
const log = (line: string) => console.log(`[load] ${line}`);

type Save = { version: number | null; marker: string; status: number; detail: string; ms: number };

async function main() {
  if (!process.env.DATABASE_URL)
    throw new Error('DATABASE_URL is not set: run through scripts/with-test-database.ts --seed (see the header of this file).');
  const db = getDb();
  const temp = await fs.mkdtemp(path.join(os.tmpdir(), 'masthead-load-'));
  const serverLog = path.join(temp, 'server.log');
  const server = startProductionServer({
    projectRoot,
    port,
    env: { AUTH_SECRET: process.env.AUTH_SECRET ?? randomBytes(32).toString('base64url'), SITE_URL: base },
    logFile: serverLog,
  });
  let failed = true;
  try {
    const article = await db.article.findFirst({
      where: { status: 'PUBLISHED', deletedAt: null, heroImageId: { not: null } },
      include: { section: true },
      orderBy: { publishedAt: 'desc' },
    });
    if (!article) throw new Error('No published article: the database must hold the demo seed (--seed).');
    const pages = ['/', `/${article.section.slug}`, `/${article.section.slug}/${article.slug}`];
    const user = await seedUser(db, { role: 'EDITOR', name: 'Load Test Editor', password: PASSWORD });
    const actor: Actor = { id: user.id, name: user.name, email: user.email, role: user.role };

    await server.waitReady('the production server', '/', 180_000);
    for (const page of pages) {
      const status = await httpStatus(`${base}${page}`, 60_000);
      if (status !== 200) throw new Error(`${page} answers HTTP ${status} before any load`);
    }

    // The editor opens the article (the editor page's own load) and signs in.
    const opened = await getArticleForEditOrThrow({ actor, articleId: article.id });
    const content = editorContentOf(opened);
    const cookie = await signIn(base, user.email, PASSWORD);
    const saveAction = builtAction('saveArticleAction');

    const saves: Save[] = [];
    let version = opened.version;
    const save = async (n: number) => {
      const marker = `Load test save ${n} ${randomBytes(4).toString('hex')}`;
      const started = Date.now();
      const body: BodyDocument = {
        type: 'doc',
        content: [...opened.body.content, { type: 'paragraph', content: [{ type: 'text', text: marker }] }],
      };
      try {
        const answer = await callAction(
          base,
          saveAction,
          [{ articleId: article.id, baseVersion: version, content: { ...content, body } }],
          { cookie, pathParams: { id: article.id } },
        );
        const ok = answer.text.includes('"ok":true') ? /"version":(\d+)/.exec(answer.text) : null;
        if (answer.status === 200 && ok) version = Number(ok[1]);
        saves.push({
          version: ok ? Number(ok[1]) : null,
          marker,
          status: answer.status,
          detail: ok ? '' : answer.text.slice(0, 300),
          ms: Date.now() - started,
        });
      } catch (error) {
        saves.push({
          version: null,
          marker,
          status: 0,
          detail: error instanceof Error ? error.message : String(error),
          ms: Date.now() - started,
        });
      }
    };
    // Warm up the editor's route once (its first request loads the dashboard's code), as an editor who
    // has the page open already has; this save counts like the others.
    await save(0);

    const tool = pickLoadTool();
    log(
      `Readers: ${connections} connections for ${seconds} s over ${pages.join(', ')} with ${tool}${tool === 'autocannon' ? ' (wrk is not installed)' : ''}; an editor saves ${pages[2]} every second.`,
    );
    const perPage = pages.map((_, i) => Math.floor(connections / pages.length) + (i < connections % pages.length ? 1 : 0));
    const load = Promise.all(
      pages.map((page, i) => measureUrl({ url: `${base}${page}`, durationS: seconds, connections: perPage[i]!, tool })),
    );

    const until = Date.now() + seconds * 1000;
    for (let n = 1; Date.now() < until; n++) {
      const tick = Date.now();
      await save(n);
      await sleep(Math.max(0, 1000 - (Date.now() - tick)));
    }
    const results: LoadResult[] = await load;

    let inHistory = 0;
    for (const acked of saves.filter((s) => s.version !== null)) {
      const revision = await db.articleRevision.findUnique({
        where: { articleId_version: { articleId: article.id, version: acked.version! } },
      });
      if (revision && JSON.stringify(revision.snapshot).includes(acked.marker)) inHistory += 1;
    }
    const acknowledged = saves.filter((s) => s.version !== null).length;
    for (const s of saves.filter((x) => x.version === null)) log(`save not acknowledged (HTTP ${s.status}): ${s.detail}`);
    const requests = results.reduce((sum, r) => sum + r.requests, 0);
    const socketErrors = results.reduce((sum, r) => sum + r.errors, 0);
    const badStatus = results.reduce((sum, r) => sum + r.non2xx, 0);
    pages.forEach((page, i) => {
      const r = results[i]!;
      log(
        `${page}: ${r.requests} requests, ${r.rps.toFixed(0)} req/s, p50 ${r.p50Ms.toFixed(0)} ms, p99 ${r.p99Ms.toFixed(0)} ms, ${r.non2xx} bad status, ${r.errors} socket errors/timeouts`,
      );
    });
    const slowestSave = Math.max(...saves.map((x) => x.ms)) / 1000;
    printFigure(
      `load while editing: ${connections} connections × ${seconds} s on 3 reader pages (${tool}), ${requests} requests, ${badStatus + socketErrors} errors (${badStatus} non-2xx/3xx, ${socketErrors} socket errors/timeouts); editor: ${saves.length} saves (one a second, each after the previous answered; slowest ${slowestSave.toFixed(1)} s), ${acknowledged} acknowledged, ${inHistory} in the revision history`,
    );
    failed =
      badStatus + socketErrors > 0 || saves.length === 0 || acknowledged !== saves.length || inHistory !== saves.length || requests === 0;
  } catch (error) {
    const tail = (await fs.readFile(serverLog, 'utf8').catch(() => '')).split('\n').slice(-30).join('\n');
    console.error(`[load] FAILED: ${error instanceof Error ? error.message : String(error)}\n${tail}`);
  } finally {
    await server.stop(30_000);
    await db.$disconnect();
    if (!failed) await fs.rm(temp, { recursive: true, force: true });
    else log(`Kept ${temp} (server log) for inspection.`);
  }
  process.exit(failed ? 1 : 0);
}

void main();
