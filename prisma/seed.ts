import { createPrismaClient } from '@/lib/db';
import { getDatabaseUrl, getEnv } from '@/lib/env';
import { createConfiguredStorage } from '@/lib/media/configured-storage';
import { seedDemo, wipeDatabase } from './seed/demo';

/** `prisma db seed` / `npm run db:seed`: replaces the database's content with the demo publication. */
async function main() {
  const env = getEnv();
  const db = createPrismaClient(getDatabaseUrl(env), 4);
  try {
    const started = Date.now();
    await wipeDatabase(db);
    await seedDemo(db, createConfiguredStorage(env.media));
    console.log(`Seeded the demo publication in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
  } finally {
    await db.$disconnect();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
