import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '@/lib/generated/prisma/client';
import { getDatabaseUrl, getEnv } from '@/lib/env';

export type Db = PrismaClient;

/**
 * How long a transaction may wait for a pooled connection, and run. Prisma's defaults (2 s, 5 s) turned
 * editors' saves into errors instead of short waits when more saves than connections arrived on a busy
 * machine (20 parallel saves, pool of 10, load average above 20): a save must wait its turn, then
 * either win or get CONFLICT.
 */
const TRANSACTION_OPTIONS = { maxWait: 15_000, timeout: 30_000 };

/** Creates a Prisma client on PostgreSQL through the pg driver adapter. Scripts and tests use it with their own URL. */
export function createPrismaClient(url: string, poolSize = 10): PrismaClient {
  const adapter = new PrismaPg({ connectionString: url, max: poolSize });
  return new PrismaClient({ adapter, transactionOptions: TRANSACTION_OPTIONS });
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
