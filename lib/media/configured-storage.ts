import type { MediaSettings } from '@/lib/env';
import { createS3Storage } from '@/lib/media/s3-storage';
import { createFileStorage, type MediaStorage } from '@/lib/media/storage';

/**
 * The media store the settings name (MEDIA_STORAGE: files in MEDIA_DIR, or the S3_* bucket). The app
 * gets it through getMediaStorage(); scripts (seed, backup, restore) call this with parseMediaEnv().
 */
export function createConfiguredStorage(settings: MediaSettings): MediaStorage {
  if (settings.storage === 'file') return createFileStorage(settings.dir);
  const { storage: _kind, ...options } = settings;
  return createS3Storage(options);
}

/** One line for logs: where the media are, without credentials. */
export function describeMediaStorage(settings: MediaSettings): string {
  if (settings.storage === 'file') return `files in ${settings.dir}`;
  return `bucket s3://${settings.bucket}/${settings.prefix}${settings.endpoint ? ` at ${settings.endpoint}` : ` (${settings.region})`}`;
}
