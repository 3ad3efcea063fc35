import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '@/lib/generated/prisma/client';
import { getDatabaseUrl, getEnv } from '@/lib/env';

export type Db = PrismaClient;

/** Creates a Prisma client on PostgreSQL through the pg driver adapter. Scripts and tests use it with their own URL. */
export function createPrismaClient(url: string, poolSize = 10): PrismaClient {
  const adapter = new PrismaPg({ connectionString: url, max: poolSize });
  return new PrismaClient({ adapter });
}

const globalForDb = globalThis as unknown as { mastheadDb?: PrismaClient };

/** The one Prisma client of the app process (kept across hot reloads in development). */
export function getDb(): PrismaClient {
  if (!globalForDb.mastheadDb) {
    const env = getEnv();
    globalForDb.mastheadDb = createPrismaClient(getDatabaseUrl(env), env.DATABASE_POOL_SIZE);
  }
  return globalForDb.mastheadDb;
}

/**
 * Points getDb() at `url` from now on and closes the previous client. For scripts whose database moves
 * while they run (the crash test, when the embedded PostgreSQL comes back on another port).
 */
export function switchDatabaseUrl(url: string, poolSize = 10): PrismaClient {
  const previous = globalForDb.mastheadDb;
  globalForDb.mastheadDb = createPrismaClient(url, poolSize);
  void previous?.$disconnect().catch(() => {});
  return globalForDb.mastheadDb;
}
