/**
 * The media library against a real PostgreSQL and a temporary media folder: every accepted format is
 * re-encoded (metadata and polyglot payloads gone), refusals carry a message, edits are version-checked,
 * images in use cannot be deleted, and each role gets exactly its rights.
 *   npm run test:integration -- tests/media.test.ts
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@/lib/auth/actor';
import { getDb } from '@/lib/db';
import type { Role } from '@/lib/generated/prisma/enums';
import { deleteImage } from '@/lib/media/delete-image';
import { updateImage } from '@/lib/media/update-image';
import { uploadImage } from '@/lib/media/upload-image';
import { getImageOrThrow, listImages, whereUsed } from '@/lib/media/queries';
import { createFileStorage, type MediaStorage } from '@/lib/media/storage';
import { seedArticle, seedAuthor, seedSection, seedUser, sampleBody, uniqueSuffix } from '../prisma/seed/factories';
import { jpegWithComment, jpegWithExifAndGps, PAYLOAD_MARKER, pngWithChunk, pngWithHeader, realImage, zipPayload } from './support/image-files';

const db = getDb();
let dir: string;
let storage: MediaStorage;
let sectionId: string;

async function actorOf(role: Role): Promise<Actor> {
  const u = await seedUser(db, { role });
  return { id: u.id, name: u.name, email: u.email, role: u.role };
}

async function stored(storageKey: string): Promise<Buffer> {
  const bytes = await storage.get(storageKey);
  if (!bytes) throw new Error(`No file for ${storageKey}`);
  return bytes;
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'masthead-media-'));
  storage = createFileStorage(dir);
  sectionId = (await seedSection(db)).id;
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('uploadImage', () => {
  it.each(['jpeg', 'png', 'webp', 'avif'] as const)('stores a %s re-encoded under a random key, with its row and audit row', async (format) => {
    const editor = await actorOf('EDITOR');
    const image = (await uploadImage({ db, storage, actor: editor, ip: '192.0.2.9', input: { bytes: await realImage(format, 120, 90), text: { alt: ' A red square ', caption: 'Caption', credit: 'Photo: Test' } } })).result;
    expect(image).toMatchObject({ width: 120, height: 90, alt: 'A red square', caption: 'Caption', credit: 'Photo: Test', version: 1 });
    expect(image.storageKey).toMatch(new RegExp(`^[0-9a-f]{32}\\.${{ jpeg: 'jpg', png: 'png', webp: 'webp', avif: 'avif' }[format]}$`));
    const meta = await sharp(await stored(image.storageKey)).metadata();
    expect(meta.format === 'heif' ? 'avif' : meta.format).toBe(format);
    expect(await db.auditEvent.count({ where: { action: 'media.uploaded', targetId: image.id, actorId: editor.id, ip: '192.0.2.9' } })).toBe(1);
  });

  it('applies the EXIF orientation, then strips EXIF, GPS and every other metadata', async () => {
    const writer = await actorOf('WRITER');
    const original = await jpegWithExifAndGps({ width: 80, height: 40, orientation: 6 });
    expect(original.includes(PAYLOAD_MARKER)).toBe(true);
    expect((await sharp(original).metadata()).exif).toBeDefined();
    const image = (await uploadImage({ db, storage, actor: writer, input: { bytes: original, text: {} } })).result;
    // Orientation 6 is "rotate 90° clockwise": the stored picture is upright, 40 wide and 80 high.
    expect(image).toMatchObject({ width: 40, height: 80 });
    const bytes = await stored(image.storageKey);
    const meta = await sharp(bytes).metadata();
    expect(meta.exif).toBeUndefined();
    expect(meta.xmp).toBeUndefined();
    expect(meta.orientation).toBeUndefined();
    expect(bytes.includes(PAYLOAD_MARKER)).toBe(false);
    expect(bytes.includes('SecretCam')).toBe(false);
  });

  it('drops polyglot payloads: appended ZIP/HTML, JPEG comments and PNG text chunks', async () => {
    const editor = await actorOf('EDITOR');
    const png = await realImage('png', 50, 50);
    const jpeg = await realImage('jpeg', 50, 50);
    const polyglots = [
      Buffer.concat([png, zipPayload()]),
      Buffer.concat([jpeg, Buffer.from(`<script>alert('${PAYLOAD_MARKER}')</script>`)]),
      jpegWithComment(jpeg, `<?php echo '${PAYLOAD_MARKER}'; ?>`),
      pngWithChunk(png, 'tEXt', Buffer.from(`Comment\0<svg onload=alert('${PAYLOAD_MARKER}')>`, 'latin1')),
    ];
    for (const bytes of polyglots) {
      expect(bytes.includes(PAYLOAD_MARKER)).toBe(true);
      const image = (await uploadImage({ db, storage, actor: editor, input: { bytes, text: {} } })).result;
      const out = await stored(image.storageKey);
      expect(out.includes(PAYLOAD_MARKER)).toBe(false);
      expect(out.includes('PK\x03\x04')).toBe(false);
      expect(out.includes('<script')).toBe(false);
      expect(image).toMatchObject({ width: 50, height: 50 });
    }
  });

  it('refuses bad files with a message on the file field, storing nothing', async () => {
    const editor = await actorOf('EDITOR');
    const before = await db.image.count();
    const cases: [Buffer, RegExp][] = [
      [Buffer.from('not a picture at all'), /not a supported image/],
      [Buffer.alloc(0), /empty/],
      [pngWithHeader({ width: 20_000, height: 20_000 }), /20000 × 20000 pixels/],
      [(await realImage('jpeg')).subarray(0, 200), /incomplete or damaged/],
      // Whole chunk structure, but the compressed pixel data is garbage: only the decoder can tell.
      [pngWithHeader({ width: 64, height: 64, idat: Buffer.from('this is not zlib data at all') }), /could not be read/],
    ];
    for (const [bytes, message] of cases) {
      await expect(uploadImage({ db, storage, actor: editor, input: { bytes, text: {} } })).rejects.toMatchObject({ code: 'INVALID', message: expect.stringMatching(message), fieldErrors: { file: [expect.stringMatching(message)] } });
    }
    expect(await db.image.count()).toBe(before);
  });

  it('refuses unknown keys and over-long text', async () => {
    const editor = await actorOf('EDITOR');
    const bytes = await realImage('png');
    await expect(uploadImage({ db, storage, actor: editor, input: { bytes, text: { alt: 'x', uploadedById: 'someone' } } })).rejects.toMatchObject({ code: 'INVALID' });
    await expect(uploadImage({ db, storage, actor: editor, input: { bytes, text: { alt: 'x'.repeat(501) } } })).rejects.toMatchObject({ code: 'INVALID', fieldErrors: { alt: [expect.any(String)] } });
  });
});

describe('updateImage', () => {
  it('saves alt, caption and credit on the current version and refuses a stale one', async () => {
    const editor = await actorOf('EDITOR');
    const other = await actorOf('ADMIN');
    const image = (await uploadImage({ db, storage, actor: editor, input: { bytes: await realImage('jpeg'), text: { alt: 'old' } } })).result;
    const first = (await updateImage({ db, actor: editor, input: { imageId: image.id, baseVersion: 1, text: { alt: 'New alt', caption: 'New caption', credit: 'Reuters' } } })).result;
    expect(first.version).toBe(2);
    await expect(updateImage({ db, actor: other, input: { imageId: image.id, baseVersion: 1, text: { alt: 'Stale', caption: '', credit: '' } } })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringMatching(/Someone else changed this image/),
    });
    expect(await db.image.findUniqueOrThrow({ where: { id: image.id } })).toMatchObject({ alt: 'New alt', caption: 'New caption', credit: 'Reuters', version: 2 });
    expect(await db.auditEvent.count({ where: { action: 'media.updated', targetId: image.id } })).toBe(1);
  });

  it('returns the published articles and authors that show the image, for revalidation', async () => {
    const editor = await actorOf('EDITOR');
    const image = (await uploadImage({ db, storage, actor: editor, input: { bytes: await realImage('jpeg'), text: {} } })).result;
    const published = await seedArticle(db, { sectionId, heroImageId: image.id });
    await seedArticle(db, { sectionId, heroImageId: image.id, status: 'DRAFT' });
    const author = await seedAuthor(db, { photoId: image.id });
    const { change } = await updateImage({ db, actor: editor, input: { imageId: image.id, baseVersion: 1, text: { credit: 'AP' } } });
    expect(change?.content?.articleIds).toEqual([published.id]);
    expect(change?.content?.authorSlugs).toEqual([author.slug]);
    expect(change?.content?.sectionSlugs).toHaveLength(1);
  });
});

describe('deleteImage and whereUsed', () => {
  it('refuses to delete an image used as a hero, inline in a body (trash included) or as an author photo', async () => {
    const editor = await actorOf('EDITOR');
    const upload = async () => (await uploadImage({ db, storage, actor: editor, input: { bytes: await realImage('png'), text: {} } })).result;

    const hero = await upload();
    const heroArticle = await seedArticle(db, { sectionId, heroImageId: hero.id, headline: `Hero user ${uniqueSuffix()}` });
    await expect(deleteImage({ db, storage, actor: editor, input: { imageId: hero.id } })).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/hero image of 1 article/) });
    expect((await whereUsed({ db, actor: editor, imageId: hero.id })).articles).toEqual([expect.objectContaining({ id: heroArticle.id, asHero: true, inline: false })]);

    const inline = await upload();
    const body = sampleBody();
    body.content.push({ type: 'image', attrs: { src: `/media/${inline.storageKey}`, alt: 'Inline', caption: null, credit: null } });
    const inlineArticle = await seedArticle(db, { sectionId, body, status: 'DRAFT', deletedAt: new Date() });
    await expect(deleteImage({ db, storage, actor: editor, input: { imageId: inline.id } })).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/in the text of 1 article/) });
    expect((await whereUsed({ db, actor: editor, imageId: inline.id })).articles).toEqual([expect.objectContaining({ id: inlineArticle.id, inline: true, trashed: true })]);

    const byId = await upload();
    const bodyById = sampleBody();
    bodyById.content.push({ type: 'image', attrs: { src: 'https://cdn.example.com/copy.png', imageId: byId.id, alt: '' } });
    await seedArticle(db, { sectionId, body: bodyById });
    await expect(deleteImage({ db, storage, actor: editor, input: { imageId: byId.id } })).rejects.toMatchObject({ code: 'CONFLICT' });

    const photo = await upload();
    await seedAuthor(db, { photoId: photo.id });
    await expect(deleteImage({ db, storage, actor: editor, input: { imageId: photo.id } })).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/photo of 1 author/) });

    for (const image of [hero, inline, byId, photo]) {
      expect(await db.image.count({ where: { id: image.id } })).toBe(1);
      expect(await storage.exists(image.storageKey)).toBe(true);
    }
  });

  it('deletes an unused image, its file and writes an audit row', async () => {
    const editor = await actorOf('EDITOR');
    const image = (await uploadImage({ db, storage, actor: editor, input: { bytes: await realImage('webp'), text: {} } })).result;
    await deleteImage({ db, storage, actor: editor, input: { imageId: image.id } });
    expect(await db.image.count({ where: { id: image.id } })).toBe(0);
    expect(await storage.exists(image.storageKey)).toBe(false);
    expect(await db.auditEvent.count({ where: { action: 'media.deleted', targetId: image.id, actorId: editor.id } })).toBe(1);
    await expect(deleteImage({ db, storage, actor: editor, input: { imageId: image.id } })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it("shows a writer only the articles they may open, and counts the others", async () => {
    const editor = await actorOf('EDITOR');
    const writer = await actorOf('WRITER');
    const image = (await uploadImage({ db, storage, actor: editor, input: { bytes: await realImage('jpeg'), text: {} } })).result;
    const own = await seedArticle(db, { sectionId, heroImageId: image.id, status: 'DRAFT', createdById: writer.id });
    await seedArticle(db, { sectionId, heroImageId: image.id, status: 'DRAFT', headline: 'Secret draft of someone else' });
    const used = await whereUsed({ db, actor: writer, imageId: image.id });
    expect(used.articles.map((a) => a.id)).toEqual([own.id]);
    expect(used.hiddenArticleCount).toBe(1);
    expect(used.inUse).toBe(true);
  });
});

describe('permissions per role', () => {
  it('lets every role list and upload; editors and admins edit and delete any image; writers only their own', async () => {
    const [writer, otherWriter, editor, admin] = await Promise.all([actorOf('WRITER'), actorOf('WRITER'), actorOf('EDITOR'), actorOf('ADMIN')]);
    const mine = (await uploadImage({ db, storage, actor: writer, input: { bytes: await realImage('png'), text: { alt: 'mine' } } })).result;
    const theirs = (await uploadImage({ db, storage, actor: otherWriter, input: { bytes: await realImage('png'), text: { alt: 'theirs' } } })).result;
    const editors = (await uploadImage({ db, storage, actor: editor, input: { bytes: await realImage('png'), text: { alt: 'editors' } } })).result;

    for (const actor of [writer, editor, admin]) {
      expect((await listImages({ db, actor })).items.length).toBeGreaterThan(0);
      expect((await getImageOrThrow({ db, actor, imageId: theirs.id })).id).toBe(theirs.id);
    }
    const found = await listImages({ db, actor: writer, input: { q: 'THEIRS' } });
    expect(found.items.map((i) => i.id)).toContain(theirs.id);
    expect(found.items.map((i) => i.id)).not.toContain(mine.id);

    // A writer: own image yes, anyone else's no.
    await expect(updateImage({ db, actor: writer, input: { imageId: mine.id, baseVersion: 1, text: { alt: 'mine, fixed' } } })).resolves.toMatchObject({ result: { version: 2 } });
    await expect(updateImage({ db, actor: writer, input: { imageId: theirs.id, baseVersion: 1, text: { alt: 'hijacked' } } })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(updateImage({ db, actor: writer, input: { imageId: editors.id, baseVersion: 1, text: { alt: 'hijacked' } } })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(deleteImage({ db, storage, actor: writer, input: { imageId: theirs.id } })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await db.image.findUniqueOrThrow({ where: { id: theirs.id } })).toMatchObject({ alt: 'theirs', version: 1 });

    // Editors and admins: anyone's.
    await expect(updateImage({ db, actor: editor, input: { imageId: theirs.id, baseVersion: 1, text: { alt: 'by editor' } } })).resolves.toMatchObject({ result: { version: 2 } });
    await expect(updateImage({ db, actor: admin, input: { imageId: theirs.id, baseVersion: 2, text: { alt: 'by admin' } } })).resolves.toMatchObject({ result: { version: 3 } });
    await deleteImage({ db, storage, actor: editor, input: { imageId: theirs.id } });
    await deleteImage({ db, storage, actor: admin, input: { imageId: editors.id } });
    await deleteImage({ db, storage, actor: writer, input: { imageId: mine.id } });
    expect(await db.image.count({ where: { id: { in: [mine.id, theirs.id, editors.id] } } })).toBe(0);
  });
});
