/**
 * `npm run prisma -- <args>` and the db:* scripts: the Prisma CLI, offline (scripts/prisma-cli.mjs),
 * against DATABASE_URL or, when it is unset, the embedded PostgreSQL in data/postgres.
 */
import path from 'node:path';
import { runPrisma } from './prisma-cli.mjs';
import { openDatabase, projectRoot } from './lib/database';

async function main() {
  const args = process.argv.slice(2);
  const needsDatabase = !['generate', 'format', 'validate', '--version', '-v', 'version'].includes(args[0] ?? '');
  const database = needsDatabase ? await openDatabase({ dataDir: path.join(projectRoot, 'data', 'postgres'), log: (l) => console.log(`[db] ${l}`) }) : undefined;
  let code = 1;
  try {
    const env = { ...process.env, ...(database ? { DATABASE_URL: database.url } : {}), MEDIA_DIR: process.env.MEDIA_DIR || path.join(projectRoot, 'data', 'media') };
    code = await runPrisma(args, { env, cwd: projectRoot });
  } finally {
    await database?.stop();
  }
  process.exit(code);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
