/**
 * The import at size: synthetic WordPress and Ghost exports (scripts/bench/synthetic-export.ts) of a
 * few thousand posts each, imported twice; prints the rate of each run. The 100,000-post figure is in
 * docs/import.md (measured by hand with the same generator and `npm run import`).
 *   npx tsx scripts/with-test-database.ts -- npx vitest run --project integration tests/import/import-scale.test.ts
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/lib/db';
import { runImport } from '@/lib/import/run-import';
import { createFileStorage, type MediaStorage } from '@/lib/media/storage';
import { writeSyntheticGhost, writeSyntheticWxr } from '../../scripts/bench/synthetic-export';
import { importCounts } from '../support/import-site';

const db = getDb();
const WORDPRESS_POSTS = 3_000;
const GHOST_POSTS = 2_000;
let dir: string;
let storage: MediaStorage;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'masthead-import-scale-'));
  storage = createFileStorage(path.join(dir, 'media'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe.each([
  { from: 'wordpress' as const, posts: WORDPRESS_POSTS, write: writeSyntheticWxr, file: 'big.xml', siteUrl: undefined },
  { from: 'ghost' as const, posts: GHOST_POSTS, write: writeSyntheticGhost, file: 'big.json', siteUrl: 'https://synthetic-ghost.example' },
])('a synthetic $from export of $posts posts', ({ from, posts, write, file, siteUrl }) => {
  it('imports every post in batches, then a second run skips them all and creates nothing', async () => {
    const exportFile = path.join(dir, file);
    await write(exportFile, { posts });
    const articlesBefore = await db.article.count();

    const first = await runImport({ db, storage, options: { from, file: exportFile, siteUrl } });
    console.log(
      `[import-scale] ${from} ${posts.toLocaleString('en')} posts, first run: ${first.seconds.toFixed(1)} s, ${Math.round(first.postsPerSecond ?? 0)} posts/s`,
    );
    expect(first.articles).toEqual({ created: posts, updated: 0, skipped: 0, failed: 0 });
    // Other test files may have imported /?p=<id> addresses already: those are refused, nothing else is said.
    expect(first.warnings.filter((w) => w.code !== 'redirect')).toEqual([]);
    expect(await db.article.count()).toBe(articlesBefore + posts);
    const batches = await db.auditEvent.count({
      where: { action: 'import.posts', createdAt: { gte: new Date(first.startedAt) }, detail: { path: ['source'], equals: from } },
    });
    expect(batches).toBe(Math.ceil(posts / 200));

    const counts = () => importCounts(db);
    const before = await counts();
    const second = await runImport({ db, storage, options: { from, file: exportFile, siteUrl } });
    console.log(
      `[import-scale] ${from} ${posts.toLocaleString('en')} posts, second run: ${second.seconds.toFixed(1)} s, ${Math.round(second.postsPerSecond ?? 0)} posts/s`,
    );
    expect(second.articles).toEqual({ created: 0, updated: 0, skipped: posts, failed: 0 });
    expect(await counts()).toEqual(before);
  });
});
