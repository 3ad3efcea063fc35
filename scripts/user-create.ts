/**
 * `npm run user:create -- --email ada@example.com --role ADMIN [--name "Ada Lovelace"]`
 *
 * Creates a dashboard user. The password is asked for on a terminal (not echoed, twice) or read from
 * the first line of stdin when piped (`printf '%s\n' "$PASSWORD" | npm run user:create -- …`), so it
 * never appears in the shell history or the process list. Uses DATABASE_URL, or the embedded
 * PostgreSQL in data/postgres like the other database scripts.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createPrismaClient } from '@/lib/db';
import { hashPassword } from '@/lib/auth/password';
import { createUserSchema } from '@/lib/users/schemas';
import { openDatabase, projectRoot } from './lib/database';

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
  const parsed = createUserSchema.safeParse({ email: values.email, role: values.role?.toUpperCase(), name: values.name ?? values.email.split('@')[0], password });
  if (!parsed.success) throw new Error(parsed.error.issues.map((i) => `${String(i.path[0])}: ${i.message}`).join('\n'));

  const database = await openDatabase({ dataDir: path.join(projectRoot, 'data', 'postgres'), log: (l) => console.log(`[db] ${l}`) });
  const db = createPrismaClient(database.url, 2);
  try {
    const { email, name, role } = parsed.data;
    if (await db.user.findUnique({ where: { email } })) throw new Error(`A user with the email ${email} already exists. Nothing was changed.`);
    const passwordHash = await hashPassword(parsed.data.password);
    const user = await db.$transaction(async (tx) => {
      const created = await tx.user.create({ data: { email, name, role, passwordHash } });
      await tx.auditEvent.create({ data: { action: 'user.created', targetType: 'User', targetId: created.id, detail: { email, role, via: 'cli' } } });
      return created;
    });
    console.log(`Created ${user.role.toLowerCase()} ${user.email} (${user.name}).`);
  } finally {
    await db.$disconnect();
    await database.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
