/**
 * `npm run integration:create -- --name "Apple News" --scope content|admin [--role WRITER|EDITOR|ADMIN] [--description "…"]`
 *
 * Creates an API integration with the same operation as the dashboard's Integrations page and prints
 * its key once, on stdout alone (so `KEY=$(npm run -s integration:create -- …)` captures it); only its
 * hash is stored. An admin key needs a role. Uses DATABASE_URL, or the embedded PostgreSQL in data/postgres.
 */
import { parseArgs } from 'node:util';
import { OPERATOR } from '@/lib/auth/actor';
import { createIntegration } from '@/lib/integrations/create-integration';
import { withOperatorDatabase } from './lib/operator-cli';

const USAGE =
  'Usage: npm run integration:create -- --name "Apple News" --scope content|admin [--role WRITER|EDITOR|ADMIN] [--description "…"]';

async function main() {
  const { values } = parseArgs({
    options: { name: { type: 'string' }, scope: { type: 'string' }, role: { type: 'string' }, description: { type: 'string' } },
    strict: true,
  });
  if (!values.name || !values.scope) throw new Error(USAGE);
  const input = {
    name: values.name,
    scope: values.scope.toLowerCase(),
    description: values.description ?? '',
    ...(values.role ? { role: values.role.toUpperCase() } : {}),
  };
  // The same operation as the dashboard's "Create integration", with the command line as the actor.
  const { result } = await withOperatorDatabase((db) => createIntegration({ db, actor: OPERATOR, input }), { usage: USAGE });
  console.error(`Created the ${result.scope} integration “${result.name}”. Its key, shown only this once:`);
  console.log(result.key);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
