import { createPrismaClient } from '@/lib/db';
import type { PrismaClient } from '@/lib/generated/prisma/client';

/** A Prisma client on the test database that scripts/with-test-database.ts created (DATABASE_URL). */
export function testDb(poolSize = 10): PrismaClient {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is not set: run integration tests with `npm run test:integration`.');
  return createPrismaClient(url, poolSize);
}
