import path from 'node:path';
import { z } from 'zod';

const booleanish = z
  .enum(['true', 'false', '1', '0', ''])
  .optional()
  .transform((v) => v === 'true' || v === '1');

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
    SITE_URL: z.url({ error: 'SITE_URL must be an absolute URL such as https://news.example.com' }).default('http://localhost:3000'),
    SITE_NAME: z.string().min(1).default('Masthead'),
    SITE_LANGUAGE: z.string().min(2).default('en'),
    MEDIA_DIR: z.string().min(1).default('./data/media'),
    AUTH_TRUST_HOST: booleanish,
    NEXT_PHASE: z.string().optional(),
  })
  .superRefine((env, ctx) => {
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
  });

export type Env = z.infer<typeof envSchema> & { mediaDir: string; siteUrl: string };

/** Thrown when the configuration is invalid; its message lists every problem, one per line. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Validates a raw environment; pure, so scripts and tests can check a configuration without touching process.env. */
export function parseEnv(raw: Record<string, string | undefined>): Env {
  const result = envSchema.safeParse(raw);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `- ${i.path.join('.') || 'environment'}: ${i.message}`);
    throw new ConfigError(`Masthead's configuration is invalid:\n${lines.join('\n')}`);
  }
  const env = result.data;
  return {
    ...env,
    mediaDir: path.resolve(env.MEDIA_DIR),
    siteUrl: env.SITE_URL.replace(/\/+$/, ''),
  };
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
