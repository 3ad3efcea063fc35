import path from 'node:path';
import { createPrismaClient, type Db } from '@/lib/db';
import { isAppError } from '@/lib/errors';
import { openDatabase, projectRoot } from './database';

/**
 * Runs an operator command's work against DATABASE_URL, or the embedded PostgreSQL in data/postgres,
 * with a small client, and always closes both. A refused operation (AppError) becomes one plain error
 * naming each field and saying nothing was changed, with `usage` after it when given. Logs go to stderr,
 * so a command's stdout holds only its result (`KEY=$(npm run -s integration:create …)`).
 */
export async function withOperatorDatabase<T>(work: (db: Db) => Promise<T>, { usage }: { usage?: string } = {}): Promise<T> {
  const database = await openDatabase({ dataDir: path.join(projectRoot, 'data', 'postgres'), log: (l) => console.error(`[db] ${l}`) });
  const db = createPrismaClient(database.url, 2);
  try {
    return await work(db);
  } catch (error) {
    if (isAppError(error)) {
      const fields = Object.entries(error.fieldErrors ?? {}).map(([field, messages]) => `${field}: ${messages.join(' ')}`);
      throw new Error([error.message, ...fields, 'Nothing was changed.', ...(usage ? [usage] : [])].join('\n'));
    }
    throw error;
  } finally {
    await db.$disconnect();
    await database.stop();
  }
}
