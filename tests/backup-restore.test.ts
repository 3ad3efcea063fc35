/**
 * Backup/restore drill: seed the demo publication, back up while a writer keeps inserting articles and
 * images, restore into a second fresh database and media folder, and compare every article and file.
 * Runs once per available database format (snapshot-json always; pg_dump when a compatible one exists).
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPrismaClient, type Db } from '@/lib/db';
import { createFileStorage } from '@/lib/media/storage';
import { seedArticle, seedImage } from '../prisma/seed/factories';
import { seedDemo, wipeDatabase } from '../prisma/seed/demo';
import { countContentRows, createBackup, findPgTool, mediaLocationFromEnv, restoreBackup } from '../scripts/lib/backup';
import { createScratchDatabase } from '../scripts/lib/database';
import { startS3TestServer } from '../scripts/lib/s3-test-server';

let db: Db;
let temp: string;
let mediaDir: string;
const drops: (() => Promise<void>)[] = [];

const sha = (data: Buffer | string) => createHash('sha256').update(data).digest('hex');

beforeAll(async () => {
  db = createPrismaClient(process.env.DATABASE_URL!, 4);
  temp = await fs.mkdtemp(path.join(os.tmpdir(), 'masthead-backup-'));
  mediaDir = path.join(temp, 'media-source');
  await wipeDatabase(db);
  await seedDemo(db, createFileStorage(mediaDir));
});

afterAll(async () => {
  await db.$disconnect();
  for (const drop of drops) await drop().catch(() => {});
  await fs.rm(temp, { recursive: true, force: true });
});

/** Keeps inserting articles (and every third time an image) until stopped; returns the ids acknowledged. */
function startWriter() {
  let running = true;
  const acknowledged: string[] = [];
  const done = (async () => {
    const section = await db.section.findFirstOrThrow();
    const storage = createFileStorage(mediaDir);
    for (let i = 0; running; i++) {
      const image = i % 3 === 0 ? await seedImage(db, storage, { seed: i, width: 64, height: 36 }) : null;
      const article = await seedArticle(db, { sectionId: section.id, heroImageId: image?.id ?? null, status: 'DRAFT' });
      acknowledged.push(article.id);
    }
  })();
  return {
    acknowledged,
    async stop() {
      running = false;
      await done;
    },
  };
}

async function articleFingerprints(client: Db) {
  const rows = await client.article.findMany({ select: { id: true, version: true, body: true, headline: true, heroImageId: true } });
  return new Map(rows.map((r) => [r.id, `${r.version}:${sha(JSON.stringify(r.body))}:${sha(r.headline)}:${r.heroImageId ?? ''}`]));
}

async function engines(): Promise<('snapshot-json' | 'pg_dump')[]> {
  const probe = createPrismaClient(process.env.DATABASE_URL!, 1);
  const [row] = await probe.$queryRaw<{ v: string }[]>`SELECT current_setting('server_version_num') AS v`;
  await probe.$disconnect();
  const major = Number(row!.v.slice(0, -4));
  return (await findPgTool('pg_dump', major)) ? ['snapshot-json', 'pg_dump'] : ['snapshot-json'];
}

describe('backup and restore', async () => {
  for (const engine of await engines()) {
    it(`restores exactly what was acknowledged before the backup (${engine})`, async () => {
      const before = await articleFingerprints(db);
      const writer = startWriter();
      await new Promise((resolve) => setTimeout(resolve, 300)); // the writer is mid-flight during the dump
      const backupDir = path.join(temp, `backup-${engine}`);
      const { manifest } = await createBackup({ databaseUrl: process.env.DATABASE_URL!, mediaDir, outDir: backupDir, engine }).finally(() =>
        writer.stop(),
      );
      expect(writer.acknowledged.length).toBeGreaterThan(0);
      expect(manifest.database.engine).toBe(engine);
      expect(manifest.media.missing).toEqual([]);

      const target = await createScratchDatabase(process.env.DATABASE_URL!, 'masthead_restore');
      drops.push(target.drop);
      const restoredMedia = path.join(temp, `media-restored-${engine}`);
      await restoreBackup({ dir: backupDir, databaseUrl: target.url, mediaDir: restoredMedia });

      // A second restore into the now non-empty database is refused without --force.
      await expect(restoreBackup({ dir: backupDir, databaseUrl: target.url, mediaDir: restoredMedia })).rejects.toThrow(/not empty.*--force/);

      const restoredDb = createPrismaClient(target.url, 2);
      try {
        const source = await articleFingerprints(db);
        const restored = await articleFingerprints(restoredDb);
        const differences: string[] = [];
        // Everything acknowledged before the backup began is there, unchanged.
        for (const [id, print] of before) if (restored.get(id) !== print) differences.push(`article ${id} missing or changed`);
        // Everything restored is an exact copy of the source row (the writer only inserts).
        for (const [id, print] of restored) if (source.get(id) !== print) differences.push(`article ${id} differs from the source`);
        expect(restored.size).toBe(manifest.database.rowCounts.Article);
        for (const [table, count] of Object.entries(manifest.database.rowCounts)) {
          if (table === '_prisma_migrations') continue;
          const [row] = await restoredDb.$queryRawUnsafe<{ n: bigint }[]>(`SELECT count(*) AS n FROM "${table}"`);
          if (Number(row!.n) !== count) differences.push(`table ${table}: ${Number(row!.n)} rows, manifest ${count}`);
        }
        // Every image the restored database references has its file, byte for byte as in the source.
        const images = await restoredDb.image.findMany({ select: { storageKey: true } });
        for (const { storageKey } of images) {
          const [a, b] = await Promise.all([
            fs.readFile(path.join(mediaDir, storageKey)).catch(() => null),
            fs.readFile(path.join(restoredMedia, storageKey)).catch(() => null),
          ]);
          if (!a || !b || sha(a) !== sha(b)) differences.push(`media ${storageKey}`);
        }
        // The search vector came back too.
        const [hits] = await restoredDb.$queryRaw<{ n: bigint }[]>`
          SELECT count(*) AS n FROM "Article" WHERE "searchVector" @@ websearch_to_tsquery('english', 'antibody manufacturing')`;
        expect(Number(hits!.n)).toBeGreaterThan(0);
        expect(await countContentRows(target.url)).toBeGreaterThan(0);

        console.log(`[figure] backup/restore drill (${engine}): ${restored.size} articles, ${images.length} media files, ${differences.length} differences`);
        expect(differences).toEqual([]);
        // Files written after the snapshot may be copied too (unreferenced, harmless); none may be missing.
        expect(manifest.media.files.length).toBeGreaterThanOrEqual(images.length);
      } finally {
        await restoredDb.$disconnect();
      }
    });
  }

  it('backs up the images the database references from an S3 bucket (MEDIA_STORAGE=s3) and restores them into another', async () => {
    const s3 = await startS3TestServer({ dir: path.join(temp, 's3rver') });
    try {
      const source = mediaLocationFromEnv(temp, { ...s3.env, S3_PREFIX: 'source' });
      const restoredTo = mediaLocationFromEnv(temp, { ...s3.env, S3_PREFIX: 'restored' });
      if (!('mediaStorage' in source) || !('mediaStorage' in restoredTo)) throw new Error('MEDIA_STORAGE=s3 gave no media store');
      const keys = [...new Set((await db.image.findMany({ select: { storageKey: true } })).map((i) => i.storageKey))].sort();
      expect(keys.length).toBeGreaterThan(0);
      for (const key of keys) await source.mediaStorage.put(key, await fs.readFile(path.join(mediaDir, key)));
      await source.mediaStorage.put('0unreferenced.png', Buffer.from('not in any row'));

      const dir = path.join(temp, 'backup-s3');
      const { manifest } = await createBackup({ databaseUrl: process.env.DATABASE_URL!, ...source, outDir: dir, engine: 'snapshot-json' });
      expect(manifest.media.missing).toEqual([]);
      expect(manifest.media.files.map((f) => f.key)).toEqual(keys);

      const target = await createScratchDatabase(process.env.DATABASE_URL!, 'masthead_restore');
      drops.push(target.drop);
      await restoreBackup({ dir, databaseUrl: target.url, ...restoredTo });
      for (const key of keys) {
        const [a, b] = await Promise.all([fs.readFile(path.join(mediaDir, key)), restoredTo.mediaStorage.get(key)]);
        expect(b && sha(b), key).toBe(sha(a));
      }
      expect(await restoredTo.mediaStorage.exists('0unreferenced.png')).toBe(false);

      // Into an empty database but a bucket that already holds the backup's images: refused without --force.
      const second = await createScratchDatabase(process.env.DATABASE_URL!, 'masthead_restore');
      drops.push(second.drop);
      await expect(restoreBackup({ dir, databaseUrl: second.url, ...restoredTo })).rejects.toThrow(/already holds images of this backup.*--force/);
      expect(await countContentRows(second.url)).toBe(0);
      await restoreBackup({ dir, databaseUrl: second.url, ...restoredTo, force: true });
      expect(await countContentRows(second.url)).toBeGreaterThan(0);
    } finally {
      await s3.stop();
    }
  });

  it('refuses a damaged backup before touching anything', async () => {
    const dir = path.join(temp, 'backup-damaged');
    const { manifest } = await createBackup({ databaseUrl: process.env.DATABASE_URL!, mediaDir, outDir: dir, engine: 'snapshot-json' });
    await fs.appendFile(path.join(dir, 'media', manifest.media.files[0]!.key), 'x');
    const target = await createScratchDatabase(process.env.DATABASE_URL!, 'masthead_restore');
    drops.push(target.drop);
    await expect(restoreBackup({ dir, databaseUrl: target.url, mediaDir: path.join(temp, 'media-damaged') })).rejects.toThrow(/damaged/);
    expect(await countContentRows(target.url)).toBe(0);
  });
});
