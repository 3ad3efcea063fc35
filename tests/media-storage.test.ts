/**
 * The media store contract, run against both stores: the file store in a temporary folder and the S3
 * store against a real S3-compatible server (s3rver on 127.0.0.1). Each store's writes are read back
 * behind its back (the file on disk, the object through a separate raw S3 client) and objects written
 * behind its back are read through it, so a store that only remembered bytes in memory would fail.
 *   npx vitest run --project integration tests/media-storage.test.ts   (needs no database)
 */
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { GetObjectCommand, HeadObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseEnv, parseMediaEnv } from '@/lib/env';
import { createConfiguredStorage } from '@/lib/media/configured-storage';
import { createS3Storage } from '@/lib/media/s3-storage';
import { createFileStorage, newStorageKey, type MediaStorage } from '@/lib/media/storage';
import { startS3TestServer, type S3TestServer } from '../scripts/lib/s3-test-server';

let temp: string;
let s3: S3TestServer;
let raw: S3Client;

beforeAll(async () => {
  temp = await mkdtemp(path.join(os.tmpdir(), 'masthead-storage-'));
  s3 = await startS3TestServer({ dir: path.join(temp, 's3rver') });
  raw = new S3Client({
    region: s3.region,
    endpoint: s3.endpoint,
    forcePathStyle: true,
    credentials: { accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey },
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
});

afterAll(async () => {
  raw?.destroy();
  await s3?.stop();
  await rm(temp, { recursive: true, force: true });
});

async function rawGet(key: string): Promise<Buffer | null> {
  try {
    const response = await raw.send(new GetObjectCommand({ Bucket: s3.bucket, Key: key }));
    return Buffer.from(await response.Body!.transformToByteArray());
  } catch (error) {
    if ((error as Error).name === 'NoSuchKey') return null;
    throw error;
  }
}

async function rawKeys(prefix = ''): Promise<string[]> {
  const listed = await raw.send(new ListObjectsV2Command({ Bucket: s3.bucket, Prefix: prefix }));
  return (listed.Contents ?? []).map((o) => o.Key!).sort();
}

/** A store under test, with a way to reach the same bytes without it. */
type Subject = {
  /** A new store over the same place: what another app instance would open. */
  open(): MediaStorage;
  readBehind(key: string): Promise<Buffer | null>;
  writeBehind(key: string, bytes: Buffer): Promise<void>;
  /** Everything in and around the store's place (the files' parent folder, the whole bucket), to show a refused key wrote nothing anywhere. */
  listBehind(): Promise<string[]>;
};

const subjects: Record<string, () => Promise<Subject>> = {
  file: async () => {
    const dir = path.join(temp, 'files');
    await mkdir(dir, { recursive: true });
    return {
      open: () => createFileStorage(dir),
      readBehind: (key) => readFile(path.join(dir, key)).catch(() => null),
      writeBehind: (key, bytes) => writeFile(path.join(dir, key), bytes),
      listBehind: async () => (await readdir(temp, { recursive: true })).sort(),
    };
  },
  s3: async () => {
    const prefix = 'contract/';
    return {
      open: () =>
        createS3Storage({
          bucket: s3.bucket,
          prefix,
          region: s3.region,
          endpoint: s3.endpoint,
          forcePathStyle: true,
          credentials: { accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey },
        }),
      readBehind: (key) => rawGet(`${prefix}${key}`),
      writeBehind: async (key, bytes) => {
        await raw.send(new PutObjectCommand({ Bucket: s3.bucket, Key: `${prefix}${key}`, Body: bytes }));
      },
      listBehind: () => rawKeys(),
    };
  },
};

/** Every byte value, then random bytes: a store that re-encodes or truncates shows it. */
const sample = (size = 300_000) => Buffer.concat([Buffer.from(Array.from({ length: 256 }, (_, i) => i)), randomBytes(size)]);

describe.each(Object.keys(subjects))('%s media store', (name) => {
  let subject: Subject;
  let storage: MediaStorage;
  beforeAll(async () => {
    subject = await subjects[name]!();
    storage = subject.open();
  });

  it('stores bytes that read back identical, through the store, behind it and through a second instance', async () => {
    for (const ext of ['jpg', 'png', 'webp', 'avif'] as const) {
      const key = newStorageKey(ext);
      const bytes = sample();
      await storage.put(key, bytes);
      expect((await storage.get(key))?.equals(bytes), `${ext} through the store`).toBe(true);
      expect((await subject.readBehind(key))?.equals(bytes), `${ext} behind the store`).toBe(true);
      expect((await subject.open().get(key))?.equals(bytes), `${ext} through another instance`).toBe(true);
      expect(await storage.exists(key)).toBe(true);
    }
  });

  it('reads what was written behind its back', async () => {
    const key = newStorageKey('png');
    const bytes = sample(1000);
    expect(await storage.exists(key)).toBe(false);
    await subject.writeBehind(key, bytes);
    expect(await storage.exists(key)).toBe(true);
    expect((await storage.get(key))?.equals(bytes)).toBe(true);
  });

  it('answers null and false for a key it never stored', async () => {
    const key = newStorageKey('webp');
    expect(await storage.get(key)).toBeNull();
    expect(await storage.exists(key)).toBe(false);
  });

  it('replaces an object put again under the same key, and stores an empty one', async () => {
    const key = newStorageKey('jpg');
    await storage.put(key, sample(10));
    const second = sample(20);
    await storage.put(key, second);
    expect((await storage.get(key))?.equals(second)).toBe(true);
    const empty = newStorageKey('jpg');
    await storage.put(empty, Buffer.alloc(0));
    expect((await storage.get(empty))?.length).toBe(0);
    expect(await storage.exists(empty)).toBe(true);
  });

  it('deletes, for every instance; deleting a missing key is not an error', async () => {
    const key = newStorageKey('avif');
    await storage.put(key, sample(100));
    await subject.open().delete(key);
    expect(await storage.get(key)).toBeNull();
    expect(await storage.exists(key)).toBe(false);
    expect(await subject.readBehind(key)).toBeNull();
    await expect(storage.delete(key)).resolves.toBeUndefined();
    await expect(storage.delete(newStorageKey('png'))).resolves.toBeUndefined();
  });

  it('refuses keys it does not generate: put and delete throw, get and exists find nothing, nothing is written', async () => {
    const before = await subject.listBehind();
    for (const key of ['../escape.jpg', 'a/b.jpg', '.hidden.png', 'UPPER.jpg', 'x.gif', 'x.jpg.tmp', '', 'x.jpg/', '%2e%2e.png', 'x y.png']) {
      await expect(storage.put(key, sample(10)), JSON.stringify(key)).rejects.toThrow(/Invalid media key/);
      await expect(storage.delete(key), JSON.stringify(key)).rejects.toThrow(/Invalid media key/);
      expect(await storage.get(key), JSON.stringify(key)).toBeNull();
      expect(await storage.exists(key), JSON.stringify(key)).toBe(false);
    }
    expect(await subject.listBehind()).toEqual(before);
  });
});

describe('S3 media store', () => {
  const credentials = () => ({ accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey });

  it('sets each object’s Content-Type from its extension and a year-long immutable Cache-Control', async () => {
    const storage = createS3Storage({ bucket: s3.bucket, region: s3.region, endpoint: s3.endpoint, forcePathStyle: true, credentials: credentials() });
    for (const [ext, type] of [
      ['jpg', 'image/jpeg'],
      ['png', 'image/png'],
      ['webp', 'image/webp'],
      ['avif', 'image/avif'],
    ] as const) {
      const key = newStorageKey(ext);
      await storage.put(key, sample(10));
      const head = await raw.send(new HeadObjectCommand({ Bucket: s3.bucket, Key: key }));
      expect(head).toMatchObject({ ContentType: type, CacheControl: 'public, max-age=31536000, immutable', ContentLength: 266 });
    }
  });

  it('keeps objects under its prefix, out of sight of a store with another prefix', async () => {
    const open = (prefix?: string) => createS3Storage({ bucket: s3.bucket, prefix, region: s3.region, endpoint: s3.endpoint, forcePathStyle: true, credentials: credentials() });
    const a = open('site-a/media');
    const b = open('site-b/media/');
    const key = newStorageKey('png');
    await a.put(key, sample(10));
    expect(await rawKeys('site-a/')).toEqual([`site-a/media/${key}`]);
    expect(await b.exists(key)).toBe(false);
    expect(await open().get(key)).toBeNull();
  });

  it('is what MEDIA_STORAGE=s3 and the S3_* settings give, in the app and in scripts', async () => {
    const viaApp = createConfiguredStorage(parseEnv({ ...s3.env, S3_PREFIX: 'from-env' }).media);
    const viaScripts = createConfiguredStorage(parseMediaEnv({ ...s3.env, S3_PREFIX: 'from-env/' }));
    const key = newStorageKey('jpg');
    const bytes = sample(5000);
    await viaApp.put(key, bytes);
    expect((await rawGet(`from-env/${key}`))?.equals(bytes)).toBe(true);
    expect((await viaScripts.get(key))?.equals(bytes)).toBe(true);
  });

  it('accepts a ready client', async () => {
    const storage = createS3Storage({ bucket: s3.bucket, prefix: 'own-client', client: raw });
    const key = newStorageKey('webp');
    await storage.put(key, sample(10));
    expect(await rawKeys('own-client/')).toEqual([`own-client/${key}`]);
  });

  it('fails, instead of answering "not found", when the bucket is missing, the credentials are wrong or the store is down', async () => {
    const key = newStorageKey('jpg');
    await createS3Storage({ bucket: s3.bucket, client: raw }).put(key, sample(10));
    const noBucket = createS3Storage({ bucket: 'no-such-bucket', region: s3.region, endpoint: s3.endpoint, forcePathStyle: true, credentials: credentials() });
    await expect(noBucket.get(key)).rejects.toMatchObject({ name: 'NoSuchBucket' });
    await expect(noBucket.put(key, sample(10))).rejects.toMatchObject({ name: 'NoSuchBucket' });

    // s3rver checks the access key id but not a V4 signature, so the wrong credential here is the id.
    const wrongKey = createS3Storage({
      bucket: s3.bucket,
      region: s3.region,
      endpoint: s3.endpoint,
      forcePathStyle: true,
      credentials: { accessKeyId: 'NOT-A-KEY', secretAccessKey: s3.secretAccessKey },
    });
    await expect(wrongKey.get(key)).rejects.toMatchObject({ name: 'InvalidAccessKeyId' });
    await expect(wrongKey.put(key, sample(10))).rejects.toMatchObject({ name: 'InvalidAccessKeyId' });
    await expect(wrongKey.exists(key)).rejects.toThrow();

    const down = createS3Storage({ bucket: s3.bucket, region: s3.region, endpoint: 'http://127.0.0.1:9', forcePathStyle: true, credentials: credentials() });
    await expect(down.get(key)).rejects.toThrow();
    await expect(down.exists(key)).rejects.toThrow();
  });
});
