/**
 * `npm run user:create -- --email ada@example.com --role ADMIN [--name "Ada Lovelace"]`
 *
 * Creates a dashboard user. The password is asked for on a terminal (not echoed, twice) or read from
 * the first line of stdin when piped (`printf '%s\n' "$PASSWORD" | npm run user:create -- …`), so it
 * never appears in the shell history or the process list. Uses DATABASE_URL, or the embedded
 * PostgreSQL in data/postgres like the other database scripts.
 */
import { parseArgs } from 'node:util';
import { OPERATOR } from '@/lib/auth/actor';
import { createUser } from '@/lib/users/create-user';
import { withOperatorDatabase } from './lib/operator-cli';

function readLine(prompt: string, { hidden }: { hidden: boolean }): Promise<string> {
  return new Promise((resolve, reject) => {
    const stdin = process.stdin;
    if (!stdin.isTTY) {
      let data = '';
      stdin.setEncoding('utf8');
      stdin.on('data', (chunk) => (data += chunk));
      stdin.on('end', () => resolve(data.split(/\r?\n/)[0] ?? ''));
      stdin.on('error', reject);
      return;
    }
    process.stdout.write(prompt);
    let value = '';
    stdin.setRawMode(hidden);
    stdin.resume();
    stdin.setEncoding('utf8');
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n') {
          stdin.setRawMode(false);
          stdin.pause();
          stdin.off('data', onData);
          process.stdout.write('\n');
          resolve(value);
          return;
        }
        if (ch === '\u0003') {
          stdin.setRawMode(false);
          process.stdout.write('\n');
          process.exit(130);
        }
        if (ch === '\u007f' || ch === '\b') value = value.slice(0, -1);
        else value += ch;
      }
    };
    stdin.on('data', onData);
  });
}

async function main() {
  const { values } = parseArgs({ options: { email: { type: 'string' }, role: { type: 'string', default: 'WRITER' }, name: { type: 'string' } }, strict: true });
  if (!values.email) throw new Error('Usage: npm run user:create -- --email someone@example.com --role ADMIN|EDITOR|WRITER [--name "Full Name"]');
  const password = await readLine('Password (at least 12 characters): ', { hidden: true });
  if (process.stdin.isTTY) {
    const again = await readLine('Same password again: ', { hidden: true });
    if (again !== password) throw new Error('The passwords do not match. Nothing was created.');
  }
  // The same operation the dashboard's "Create user" runs, with the command line as the actor.
  const { result: user } = await withOperatorDatabase((db) =>
    createUser({ db, actor: OPERATOR, input: { email: values.email, role: values.role?.toUpperCase(), name: values.name ?? values.email!.split('@')[0], password } }),
  );
  console.log(`Created ${user.role.toLowerCase()} ${user.email} (${user.name}).`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
