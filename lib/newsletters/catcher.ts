import 'server-only';
import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { getDb } from '@/lib/db';
import type { Prisma } from '@/lib/generated/prisma/client';

/** How many caught messages are kept: the demo's inbox, not an archive. */
const KEEP = 500;

const globalForCatcher = globalThis as unknown as { mastheadCatcher?: Promise<{ port: number; close: () => Promise<void> }> };

/**
 * The built-in SMTP catcher for a Masthead with no SMTP_URL (the demo): a real SMTP server (the
 * `smtp-server` package) on 127.0.0.1 at a free port, which this process's mailer sends to. Each
 * message is parsed (`mailparser`) and stored as a `CaughtEmail`, so admins read it in the dashboard
 * whichever instance caught it; only the newest 500 are kept. Started once per process.
 */
export function startSmtpCatcher(): Promise<{ port: number; close: () => Promise<void> }> {
  globalForCatcher.mastheadCatcher ??= new Promise((resolve, reject) => {
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['AUTH', 'STARTTLS'],
      banner: 'Masthead SMTP catcher: mail stays here',
      size: 10 * 1024 * 1024,
      logger: false,
      onData(stream, session, callback) {
        simpleParser(stream)
          .then(async (mail) => {
            const db = getDb();
            await db.caughtEmail.create({
              data: {
                messageId: mail.messageId ?? null,
                from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
                to: session.envelope.rcptTo.map((r) => r.address),
                subject: mail.subject ?? '',
                html: typeof mail.html === 'string' ? mail.html : null,
                text: mail.text ?? '',
                headers: Object.fromEntries(
                  [...mail.headerLines].map((h) => [h.key, h.line.slice(h.line.indexOf(':') + 1).trim()]),
                ) as Prisma.InputJsonValue,
              },
            });
            const old = await db.caughtEmail.findMany({ orderBy: { receivedAt: 'desc' }, skip: KEEP, select: { id: true } });
            if (old.length) await db.caughtEmail.deleteMany({ where: { id: { in: old.map((o) => o.id) } } });
            callback();
          })
          .catch((error: Error) => callback(error));
      },
    });
    server.on('error', (error) => console.log(`[smtp-catcher] ${error.message}`));
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.server.address() as AddressInfo;
      resolve({ port, close: () => new Promise<void>((done) => server.close(() => done())) });
    });
    server.server.once('error', reject);
  });
  return globalForCatcher.mastheadCatcher;
}
