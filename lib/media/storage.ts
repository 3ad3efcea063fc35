import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import path from 'node:path';

/** Where media bytes live: the file store below (the default) or the S3 store in s3-storage.ts. */
export type MediaStorage = {
  put(key: string, bytes: Buffer): Promise<void>;
  /** The bytes, or null when there is no such object. */
  get(key: string): Promise<Buffer | null>;
  delete(key: string): Promise<void>;
  exists(key: string): Promise<boolean>;
};

const KEY = /^[a-z0-9][a-z0-9-]{0,80}\.(jpg|png|webp|avif)$/;

/** True for keys the server generates (`<random>.<ext>`): no slashes, dots or traversal. */
export function isValidStorageKey(key: string): boolean {
  return KEY.test(key);
}

/** A server-generated storage key (`<32 hex>.<ext>`): random, so names never collide or leak an upload's file name. */
export function newStorageKey(ext: 'jpg' | 'png' | 'webp' | 'avif'): string {
  return `${randomBytes(16).toString('hex')}.${ext}`;
}

/** Throws for a key `isValidStorageKey` refuses: stores call it before writing or deleting anything. */
export function assertStorageKey(key: string): void {
  if (!isValidStorageKey(key)) throw new Error(`Invalid media key: ${JSON.stringify(key)}`);
}

const TYPES: Record<string, string> = { jpg: 'image/jpeg', png: 'image/png', webp: 'image/webp', avif: 'image/avif' };

/** The Content-Type for a storage key's extension. */
export function mediaContentType(key: string): string {
  return TYPES[key.split('.').pop() ?? ''] ?? 'application/octet-stream';
}

/** Stores media as files in `dir`, written atomically (temp file, then rename). */
export function createFileStorage(dir: string): MediaStorage {
  const file = (key: string) => {
    assertStorageKey(key);
    return path.join(dir, key);
  };
  return {
    async put(key, bytes) {
      const target = file(key);
      await mkdir(dir, { recursive: true });
      const tmp = `${target}.${process.pid}.${Date.now()}.tmp`;
      await writeFile(tmp, bytes);
      await rename(tmp, target);
    },
    async get(key) {
      if (!isValidStorageKey(key)) return null;
      try {
        return await readFile(path.join(dir, key));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw error;
      }
    },
    async delete(key) {
      await rm(file(key), { force: true });
    },
    async exists(key) {
      if (!isValidStorageKey(key)) return false;
      return stat(path.join(dir, key)).then(
        () => true,
        () => false,
      );
    },
  };
}
