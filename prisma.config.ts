import { defineConfig } from 'prisma/config';

/**
 * Prisma CLI configuration. DATABASE_URL is read lazily so that `prisma generate` works without a
 * database; every CLI call goes through `scripts/prisma-cli.mjs`, which runs Prisma offline and, when
 * DATABASE_URL is unset, points it at the embedded PostgreSQL.
 */
export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: {
    path: 'prisma/migrations',
    seed: 'tsx prisma/seed.ts',
  },
  datasource: {
    url: process.env.DATABASE_URL ?? '',
  },
});
