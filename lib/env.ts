import { decideSmtpOptions } from '@/lib/newsletters/decide-smtp';
import path from 'node:path';
import { parseAllowlist } from '@/lib/webhooks/decide-target';
import { z } from 'zod';

const booleanish = z
  .enum(['true', 'false', '1', '0', ''])
  .optional()
  .transform((v) => v === 'true' || v === '1');

/** Unset and empty (`S3_ENDPOINT=` in a compose file) both mean "not set". */
const blankIsUnset = (v: unknown) => (v === '' ? undefined : v);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(blankIsUnset, schema.optional());

// Where uploaded media live. Parsed on their own too (parseMediaEnv), for the backup and seed scripts.
const mediaFields = {
  MEDIA_STORAGE: z.enum(['file', 's3'], { error: 'MEDIA_STORAGE must be "file" (the default: MEDIA_DIR) or "s3" (S3_BUCKET).' }).default('file'),
  MEDIA_DIR: z.string().min(1).default('./data/media'),
  S3_BUCKET: optional(z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{1,254}$/, 'S3_BUCKET must be a bare bucket name such as masthead-media (no s3://, no slashes).')),
  S3_REGION: z.preprocess(blankIsUnset, z.string().regex(/^[a-z0-9-]+$/, 'S3_REGION must be a region name such as us-east-1.').default('us-east-1')),
  S3_ENDPOINT: optional(z.url({ protocol: /^https?$/, error: 'S3_ENDPOINT must be an http(s):// URL such as https://s3.example.com' })),
  S3_ACCESS_KEY_ID: optional(z.string()),
  S3_SECRET_ACCESS_KEY: optional(z.string()),
  S3_FORCE_PATH_STYLE: booleanish,
  S3_PREFIX: optional(
    z
      .string()
      .regex(/^[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)*\/?$/, 'S3_PREFIX must be a key prefix such as media/ (letters, digits, . _ - and single slashes).')
      .refine((v) => !v.split('/').includes('..'), 'S3_PREFIX must not contain "..".'),
  ),
};

type MediaFields = z.infer<z.ZodObject<typeof mediaFields>>;

function checkMediaFields(env: MediaFields, ctx: z.RefinementCtx): void {
  if (env.MEDIA_STORAGE === 's3' && !env.S3_BUCKET) {
    ctx.addIssue({ code: 'custom', path: ['S3_BUCKET'], message: 'S3_BUCKET must be set when MEDIA_STORAGE=s3 (the bucket that holds the uploaded media).' });
  }
  if (env.MEDIA_STORAGE === 's3' && !env.S3_ACCESS_KEY_ID !== !env.S3_SECRET_ACCESS_KEY) {
    ctx.addIssue({
      code: 'custom',
      path: [env.S3_ACCESS_KEY_ID ? 'S3_SECRET_ACCESS_KEY' : 'S3_ACCESS_KEY_ID'],
      message: "S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY go together: set both, or neither to use the AWS SDK's default credentials (environment, profile, instance role).",
    });
  }
}

/** Where this process keeps uploaded media, as configured (see lib/media/configured-storage.ts). */
export type MediaSettings =
  | { storage: 'file'; dir: string }
  | {
      storage: 's3';
      bucket: string;
      region: string;
      endpoint?: string;
      /** Unset: the AWS SDK's default credential chain. */
      credentials?: { accessKeyId: string; secretAccessKey: string };
      forcePathStyle: boolean;
      /** '' or ending in '/'. */
      prefix: string;
    };

function toMediaSettings(env: MediaFields): MediaSettings {
  if (env.MEDIA_STORAGE === 'file') return { storage: 'file', dir: path.resolve(env.MEDIA_DIR) };
  return {
    storage: 's3',
    bucket: env.S3_BUCKET!,
    region: env.S3_REGION,
    ...(env.S3_ENDPOINT ? { endpoint: env.S3_ENDPOINT } : {}),
    ...(env.S3_ACCESS_KEY_ID && env.S3_SECRET_ACCESS_KEY ? { credentials: { accessKeyId: env.S3_ACCESS_KEY_ID, secretAccessKey: env.S3_SECRET_ACCESS_KEY } } : {}),
    forcePathStyle: env.S3_FORCE_PATH_STYLE,
    prefix: env.S3_PREFIX ? `${env.S3_PREFIX.replace(/\/+$/, '')}/` : '',
  };
}

const envSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    // Optional here so `next build` needs no database; getDatabaseUrl() insists at run time.
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must be a postgresql:// URL.')
      .optional(),
    DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
    AUTH_SECRET: z.string().optional(),
    // Unset (the demo): links name http://localhost:PORT, and sign-in follows whatever address the
    // browser used (siteUrlFromRequest), so a newcomer on 127.0.0.1 is not sent to localhost.
    SITE_URL: z.url({ error: 'SITE_URL must be an absolute URL such as https://news.example.com' }).optional(),
    PORT: z.coerce.number().int().min(1).max(65535).optional(),
    SITE_NAME: z.string().min(1).default('Masthead'),
    SITE_LANGUAGE: z.string().min(2).default('en'),
    // RSS items carry the whole article in content:encoded (true) or only the standfirst (the default).
    FEED_FULL_TEXT: booleanish,
    // The shared cache's purge endpoint (lib/cache/shared-purge.ts reads it); checked here so a typo
    // stops start-up instead of failing every purge after a change has committed.
    CACHE_PURGE_URL: z
      .string()
      .trim()
      .regex(/^(https?:\/\/.+)?$/, 'CACHE_PURGE_URL must be an http(s) URL such as http://127.0.0.1:6081/ (Varnish), or unset.')
      .optional(),
    ...mediaFields,
    // Calls per minute per API key (lib/integrations/rate-limit.ts), counted in PostgreSQL across instances.
    API_RATE_LIMIT_CONTENT: z.coerce.number().int().min(1).max(1_000_000).default(600),
    API_RATE_LIMIT_ADMIN: z.coerce.number().int().min(1).max(1_000_000).default(120),
    // Newsletter sign-ups per client address per hour (lib/newsletters/reader-writes.ts), counted across instances.
    NEWSLETTER_SIGNUPS_PER_HOUR: z.coerce.number().int().min(1).max(1_000_000).default(20),
    // Hosts, addresses or CIDRs webhooks may reach although they are not public (tests, a private network).
    WEBHOOK_ALLOWED_HOSTS: z
      .string()
      .optional()
      .superRefine((value, ctx) => {
        try {
          parseAllowlist(value);
        } catch (error) {
          ctx.addIssue({ code: 'custom', message: error instanceof Error ? error.message : String(error) });
        }
      }),
    // The SMTP server newsletters go through (lib/newsletters/mailer.ts); unset, a built-in catcher takes
    // the mail and shows it to admins (the demo). SMTP_RATE: messages per second, per instance.
    SMTP_URL: z.string().trim().optional(),
    SMTP_RATE: z.string().trim().optional(),
    // The address unsubscribe mail goes to, for List-Unsubscribe's mailto (optional: the https one-click link is always there).
    NEWSLETTER_UNSUBSCRIBE_MAILTO: z.email({ error: 'NEWSLETTER_UNSUBSCRIBE_MAILTO must be an email address.' }).optional(),
    // Whether this process runs the job queue's workers (lib/queue); `npm run worker` runs them on its own.
    QUEUE_WORKERS: z.enum(['on', 'off']).default('on'),
    AUTH_TRUST_HOST: booleanish,
    NEXT_PHASE: z.string().optional(),
  })
  .superRefine((env, ctx) => {
    try {
      decideSmtpOptions(env);
    } catch (error) {
      ctx.addIssue({ code: 'custom', path: [env.SMTP_URL ? 'SMTP_URL' : 'SMTP_RATE'], message: error instanceof Error ? error.message : String(error) });
    }
    // `next build` renders pages but signs nobody in, so only a running server needs the secret.
    const building = env.NEXT_PHASE === 'phase-production-build';
    if (env.NODE_ENV === 'production' && !building && (!env.AUTH_SECRET || env.AUTH_SECRET.length < 32)) {
      ctx.addIssue({
        code: 'custom',
        path: ['AUTH_SECRET'],
        message:
          'AUTH_SECRET must be set to at least 32 random characters in production (e.g. `openssl rand -base64 32`). `npm start` creates one in data/ for the demo.',
      });
    }
    checkMediaFields(env, ctx);
  });

export type Env = z.infer<typeof envSchema> & {
  mediaDir: string;
  /** SITE_URL without a trailing slash; http://localhost:PORT when SITE_URL is unset. */
  siteUrl: string;
  /** True when SITE_URL is unset: sign-in and origin checks use the address of each request instead. */
  siteUrlFromRequest: boolean;
  media: MediaSettings;
};

/** Thrown when the configuration is invalid; its message lists every problem, one per line. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Validates a raw environment; pure, so scripts and tests can check a configuration without touching process.env. */
export function parseEnv(raw: Record<string, string | undefined>): Env {
  const env = parseOrThrow(envSchema, raw);
  return {
    ...env,
    mediaDir: path.resolve(env.MEDIA_DIR),
    siteUrl: (env.SITE_URL ?? `http://localhost:${env.PORT ?? 3000}`).replace(/\/+$/, ''),
    siteUrlFromRequest: !env.SITE_URL,
    media: toMediaSettings(env),
  };
}

/** Validates only the media settings (MEDIA_STORAGE, MEDIA_DIR, S3_*): for scripts that touch media but not the site. */
export function parseMediaEnv(raw: Record<string, string | undefined>): MediaSettings {
  return toMediaSettings(parseOrThrow(z.object(mediaFields).superRefine(checkMediaFields), raw));
}

function parseOrThrow<T extends z.ZodType>(schema: T, raw: Record<string, string | undefined>): z.output<T> {
  const result = schema.safeParse(raw);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `- ${i.path.join('.') || 'environment'}: ${i.message}`);
    throw new ConfigError(`Masthead's configuration is invalid:\n${lines.join('\n')}`);
  }
  return result.data;
}

let cached: Env | undefined;

/** The validated configuration of this process, read once. */
export function getEnv(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/** The database URL, or a clear error when the process was started without one. */
export function getDatabaseUrl(env: Env = getEnv()): string {
  if (!env.DATABASE_URL) {
    throw new ConfigError(
      'DATABASE_URL is not set. Run Masthead with `npm start` (it starts an embedded PostgreSQL) or point DATABASE_URL at a PostgreSQL server.',
    );
  }
  return env.DATABASE_URL;
}
