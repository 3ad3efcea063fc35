/**
 * `npm run integration:create -- --name "Apple News" --scope content|admin [--role WRITER|EDITOR|ADMIN] [--description "…"]`
 *
 * Creates an API integration with the same operation as the dashboard's Integrations page and prints
 * its key once, on stdout alone (so `KEY=$(npm run -s integration:create -- …)` captures it); only its
 * hash is stored. An admin key needs a role. Uses DATABASE_URL, or the embedded PostgreSQL in data/postgres.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { OPERATOR } from '@/lib/auth/actor';
import { createPrismaClient } from '@/lib/db';
import { isAppError } from '@/lib/errors';
import { createIntegration } from '@/lib/integrations/create-integration';
import { openDatabase, projectRoot } from './lib/database';

const USAGE =
  'Usage: npm run integration:create -- --name "Apple News" --scope content|admin [--role WRITER|EDITOR|ADMIN] [--description "…"]';

async function main() {
  const { values } = parseArgs({
    options: { name: { type: 'string' }, scope: { type: 'string' }, role: { type: 'string' }, description: { type: 'string' } },
    strict: true,
  });
  if (!values.name || !values.scope) throw new Error(USAGE);
  const database = await openDatabase({ dataDir: path.join(projectRoot, 'data', 'postgres'), log: (l) => console.error(`[db] ${l}`) });
  const db = createPrismaClient(database.url, 2);
  try {
    const input = {
      name: values.name,
      scope: values.scope.toLowerCase(),
      description: values.description ?? '',
      ...(values.role ? { role: values.role.toUpperCase() } : {}),
    };
    const { result } = await createIntegration({ db, actor: OPERATOR, input });
    console.error(`Created the ${result.scope} integration “${result.name}”. Its key, shown only this once:`);
    console.log(result.key);
  } catch (error) {
    if (isAppError(error)) {
      const fields = Object.entries(error.fieldErrors ?? {}).map(([field, messages]) => `${field}: ${messages.join(' ')}`);
      throw new Error([error.message, ...fields, 'Nothing was created.', USAGE].join('\n'));
    }
    throw error;
  } finally {
    await db.$disconnect();
    await database.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
