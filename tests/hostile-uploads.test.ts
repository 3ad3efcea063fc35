/**
 * Issue #6, "store nothing unsafe", uploads: every file of the hostile corpus goes through the real
 * upload path (uploadImage: the gate, sharp, the media store, the database). Each must be refused with
 * its message and leave nothing behind, or (valid images carrying a payload) be stored only re-encoded,
 * with the payload gone. The process's RSS is sampled throughout; its growth must stay bounded.
 * Prints `[figure] hostile uploads: …` (scripts/security/run.ts collects it).
 *   npm run test:integration -- tests/hostile-uploads.test.ts
 */
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Actor } from '@/lib/auth/actor';
import { getDb } from '@/lib/db';
import { isAppError } from '@/lib/errors';
import { uploadImage } from '@/lib/media/upload-image';
import { createFileStorage, type MediaStorage } from '@/lib/media/storage';
import { seedUser } from '../prisma/seed/factories';
import { buildHostileUploads, UNSAFE_MARKERS, type HostileFile } from './support/hostile-uploads';

/** Largest RSS growth accepted over the run, in MB (HOSTILE_UPLOADS_MAX_RSS_MB). */
const MAX_RSS_GROWTH_MB = Number(process.env.HOSTILE_UPLOADS_MAX_RSS_MB ?? 400);
const MB = 1024 * 1024;

const db = getDb();
let dir: string;
let storage: MediaStorage;
let writer: Actor;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'masthead-hostile-'));
  storage = createFileStorage(dir);
  const u = await seedUser(db, { role: 'WRITER' });
  writer = { id: u.id, name: u.name, email: u.email, role: u.role };
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

type Outcome = { file: HostileFile; refusedWith?: string; stored?: { storageKey: string; mimeType: string }; unexpected?: string };

/** Nothing after the end of the image, no metadata, no marker: what a freshly encoded file looks like. */
async function unsafeIn(bytes: Buffer, mimeType: string): Promise<string | null> {
  const text = bytes.toString('latin1');
  const marker = UNSAFE_MARKERS.find((m) => text.includes(m));
  if (marker) return `contains ${JSON.stringify(marker)}`;
  const meta = await sharp(bytes).metadata();
  if (meta.exif || meta.xmp || meta.iptc || meta.comments?.length) return 'keeps metadata';
  if (mimeType === 'image/png' && !text.endsWith('IEND\xaeB`\x82')) return 'has bytes after IEND';
  if (mimeType === 'image/jpeg' && !(bytes.at(-2) === 0xff && bytes.at(-1) === 0xd9)) return 'has bytes after EOI';
  if (mimeType === 'image/webp' && bytes.readUInt32LE(4) + 8 !== bytes.length) return 'has bytes after the RIFF chunk';
  return null;
}

it('refuses every hostile upload with a message or stores it only re-encoded, in bounded memory', async () => {
  const corpus = await buildHostileUploads();
  const imagesBefore = await db.image.count({ where: { uploadedById: writer.id } });
  const baseline = process.memoryUsage().rss;
  let peak = baseline;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 5);

  const outcomes: Outcome[] = [];
  try {
    for (const file of corpus) {
      try {
        const image = (await uploadImage({ db, storage, actor: writer, input: { bytes: file.bytes, text: { alt: file.name } } })).result;
        outcomes.push({ file, stored: image });
      } catch (error) {
        if (isAppError(error, 'INVALID') && error.fieldErrors?.file?.length) outcomes.push({ file, refusedWith: error.message });
        else outcomes.push({ file, unexpected: error instanceof Error ? `${error.name}: ${error.message}` : String(error) });
      }
      peak = Math.max(peak, process.memoryUsage().rss);
    }
  } finally {
    clearInterval(sampler);
  }

  const problems: string[] = [];
  let unsafe = 0;
  for (const o of outcomes) {
    if (o.unexpected) problems.push(`${o.file.name}: failed without a user message (${o.unexpected})`);
    if (o.file.expect === 'refused') {
      if (o.stored) problems.push(`${o.file.name}: was stored, expected a refusal`);
      else if (o.refusedWith && !o.file.message.test(o.refusedWith)) problems.push(`${o.file.name}: refused with "${o.refusedWith}", expected ${o.file.message}`);
    }
    if (o.file.expect === 'reencoded' && o.refusedWith) problems.push(`${o.file.name}: refused ("${o.refusedWith}"), expected it stored re-encoded`);
    if (o.stored) {
      const bytes = await storage.get(o.stored.storageKey);
      const why = bytes ? await unsafeIn(bytes, o.stored.mimeType) : 'file missing';
      if (why || bytes?.equals(o.file.bytes)) {
        unsafe += 1;
        problems.push(`${o.file.name}: stored unsafe (${why ?? 'stored as uploaded'})`);
      }
    }
  }
  const storedCount = outcomes.filter((o) => o.stored).length;
  expect(await db.image.count({ where: { uploadedById: writer.id } })).toBe(imagesBefore + storedCount);
  // Refusals leave no file behind: the folder holds exactly the stored images.
  expect((await readdir(dir)).length).toBe(storedCount);

  const refused = outcomes.filter((o) => o.refusedWith).length;
  const growth = Math.round((peak - baseline) / MB);
  for (const o of outcomes) console.log(`  ${o.refusedWith ? 'refused ' : o.stored ? 'stored  ' : 'ERROR   '} ${o.file.name}: ${o.refusedWith ?? (o.stored ? `${o.stored.mimeType}, re-encoded` : o.unexpected)}`);
  console.log(
    `[figure] hostile uploads: ${outcomes.length} files, ${refused} refused with a message, ${unsafe} stored unsafe, max RSS growth ${growth} MB (${storedCount} valid images carrying a payload stored, ${storedCount - unsafe} of them re-encoded clean)`,
  );

  expect(problems).toEqual([]);
  expect(corpus.length).toBeGreaterThanOrEqual(30);
  expect(refused).toBeGreaterThanOrEqual(30);
  expect(growth).toBeLessThanOrEqual(MAX_RSS_GROWTH_MB);
});
