import { DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { assertStorageKey, isValidStorageKey, mediaContentType, type MediaStorage } from '@/lib/media/storage';

/** How to reach the bucket: a ready client (tests, custom set-ups), or the settings to make one. */
export type S3StorageOptions = {
  bucket: string;
  /** Put before every key, e.g. `media/`; a missing trailing slash is added. */
  prefix?: string;
} & (
  | { client: S3Client }
  | {
      region: string;
      /** An S3-compatible store (MinIO, R2, Ceph…); unset for AWS S3. */
      endpoint?: string;
      /** Unset: the AWS SDK's default credential chain (environment, profile, instance or task role). */
      credentials?: { accessKeyId: string; secretAccessKey: string };
      /** Bucket in the path (`endpoint/bucket/key`) instead of the host name: most S3-compatible stores want it. */
      forcePathStyle?: boolean;
    }
);

/**
 * An S3 client for `options`. Against a custom endpoint it sends and checks checksums only where S3
 * requires them: the SDK's default (a CRC32 on every request) is refused by many S3-compatible stores.
 */
export function createS3Client(options: Exclude<S3StorageOptions, { client: S3Client }>): S3Client {
  return new S3Client({
    region: options.region,
    ...(options.endpoint
      ? { endpoint: options.endpoint, requestChecksumCalculation: 'WHEN_REQUIRED', responseChecksumValidation: 'WHEN_REQUIRED' }
      : {}),
    ...(options.credentials ? { credentials: options.credentials } : {}),
    forcePathStyle: options.forcePathStyle ?? false,
    // A store that does not answer must fail the request, not hold it (and its upload) open forever.
    requestHandler: { connectionTimeout: 5_000, requestTimeout: 30_000 },
  });
}

/** True when the SDK error means "no such object" (GetObject's NoSuchKey, HeadObject's bodiless 404), not "no such bucket". */
function isMissingObject(error: unknown): boolean {
  const name = (error as { name?: unknown } | null)?.name;
  return name === 'NoSuchKey' || name === 'NotFound';
}

/**
 * Stores media as objects `<prefix><key>` in an S3 bucket, with the image's Content-Type and a
 * year-long immutable Cache-Control (keys are random and never reused). Same contract as the file
 * store: invalid keys are refused on put and delete, and read as missing on get and exists.
 */
export function createS3Storage(options: S3StorageOptions): MediaStorage {
  const client = 'client' in options ? options.client : createS3Client(options);
  const { bucket } = options;
  const prefix = options.prefix ? `${options.prefix.replace(/\/+$/, '')}/` : '';
  const objectKey = (key: string) => `${prefix}${key}`;
  return {
    async put(key, bytes) {
      assertStorageKey(key);
      await client.send(
        new PutObjectCommand({
          Bucket: bucket,
          Key: objectKey(key),
          Body: bytes,
          ContentLength: bytes.length,
          ContentType: mediaContentType(key),
          CacheControl: 'public, max-age=31536000, immutable',
        }),
      );
    },
    async get(key) {
      if (!isValidStorageKey(key)) return null;
      try {
        const response = await client.send(new GetObjectCommand({ Bucket: bucket, Key: objectKey(key) }));
        if (!response.Body) return null;
        const bytes = await response.Body.transformToByteArray();
        return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      } catch (error) {
        if (isMissingObject(error)) return null;
        throw error;
      }
    },
    async delete(key) {
      assertStorageKey(key);
      // S3 answers 204 whether or not the object existed, like the file store's rm --force.
      await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: objectKey(key) }));
    },
    async exists(key) {
      if (!isValidStorageKey(key)) return false;
      try {
        await client.send(new HeadObjectCommand({ Bucket: bucket, Key: objectKey(key) }));
        return true;
      } catch (error) {
        if (isMissingObject(error)) return false;
        throw error;
      }
    },
  };
}
