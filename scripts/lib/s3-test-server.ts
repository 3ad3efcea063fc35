/**
 * A real S3-compatible server for tests: s3rver on 127.0.0.1, a free port, its objects in `dir`. Start
 * one, pass `env` to every app instance (and to the seed), and they all share one bucket, as production
 * instances share one bucket with MEDIA_STORAGE=s3.
 */
import S3rver from 's3rver';

/** s3rver's one account. It refuses another access key id, but does not verify V4 signatures (so a wrong secret passes). */
const ACCESS_KEY_ID = 'S3RVER';
const SECRET_ACCESS_KEY = 'S3RVER';
const REGION = 'us-east-1';

export type S3TestServer = {
  /** http://127.0.0.1:<port> */
  endpoint: string;
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** MEDIA_STORAGE=s3 and the S3_* settings of this server and bucket, for an app instance's environment. */
  env: Record<string, string>;
  stop(): Promise<void>;
};

/** Starts s3rver with `bucket` (default `masthead-media`) created; objects are kept as files in `dir`. */
export async function startS3TestServer({ dir, bucket = 'masthead-media' }: { dir: string; bucket?: string }): Promise<S3TestServer> {
  const server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    directory: dir,
    silent: true,
    configureBuckets: [{ name: bucket, configs: [] }],
  });
  const { port } = await server.run();
  const endpoint = `http://127.0.0.1:${port}`;
  return {
    endpoint,
    bucket,
    region: REGION,
    accessKeyId: ACCESS_KEY_ID,
    secretAccessKey: SECRET_ACCESS_KEY,
    env: {
      MEDIA_STORAGE: 's3',
      S3_BUCKET: bucket,
      S3_REGION: REGION,
      S3_ENDPOINT: endpoint,
      S3_ACCESS_KEY_ID: ACCESS_KEY_ID,
      S3_SECRET_ACCESS_KEY: SECRET_ACCESS_KEY,
      S3_FORCE_PATH_STYLE: 'true',
    },
    stop: () => server.close(),
  };
}
