import 'server-only';
import { getEnv } from '@/lib/env';
import { createFileStorage, type MediaStorage } from '@/lib/media/storage';

let storage: MediaStorage | undefined;

/** The media store of this process: files under MEDIA_DIR. */
export function getMediaStorage(): MediaStorage {
  storage ??= createFileStorage(getEnv().mediaDir);
  return storage;
}

const TYPES: Record<string, string> = { jpg: 'image/jpeg', png: 'image/png', webp: 'image/webp', avif: 'image/avif' };

/** The Content-Type for a storage key's extension. */
export function mediaContentType(key: string): string {
  return TYPES[key.split('.').pop() ?? ''] ?? 'application/octet-stream';
}
