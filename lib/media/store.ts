import 'server-only';
import { getEnv } from '@/lib/env';
import { createConfiguredStorage } from '@/lib/media/configured-storage';
import type { MediaStorage } from '@/lib/media/storage';

let storage: MediaStorage | undefined;

/** The media store of this process, as MEDIA_STORAGE says: files under MEDIA_DIR, or the S3_BUCKET bucket. */
export function getMediaStorage(): MediaStorage {
  storage ??= createConfiguredStorage(getEnv().media);
  return storage;
}
