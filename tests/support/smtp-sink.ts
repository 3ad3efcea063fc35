import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** One message as the sink received it: the envelope recipients and the parsed message. */
export type SunkMessage = {
  to: string[];
  messageId: string | null;
  subject: string;
  text: string;
  html: string;
  headers: Map<string, unknown>;
  raw: string;
};

/** A header of a raw message as sent (folded lines unfolded), or null: mailparser reshapes List-* headers. */
export function rawHeader(raw: string, name: string): string | null {
  const head = raw.split(/\r?\n\r?\n/, 1)[0]!.replace(/\r?\n[ \t]+/g, ' ');
  const line = head.split(/\r?\n/).find((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}:`));
  return line ? line.slice(name.length + 1).trim() : null;
}

/**
 * A real SMTP server for tests (the `smtp-server` package on 127.0.0.1, at `port` or a free one): it keeps every
 * message it accepts. `refuse` answers a recipient with an SMTP error instead (a bounce, a complaint);
 * `delayMs` holds each message before its 250, so a sender can be killed mid-batch.
 */
export async function startSmtpSink({
  port: wanted = 0,
  refuse = () => null,
  delayMs = 0,
}: { port?: number; refuse?: (address: string) => { code: number; message: string } | null; delayMs?: number } = {}) {
  const messages: SunkMessage[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    maxClients: 50,
    onRcptTo(address, _session, callback) {
      const refusal = refuse(address.address);
      if (!refusal) return callback();
      const error = new Error(refusal.message) as Error & { responseCode: number };
      error.responseCode = refusal.code;
      callback(error);
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        simpleParser(raw)
          .then(async (mail) => {
            if (delayMs) await new Promise((r) => setTimeout(r, delayMs));
            messages.push({
              to: session.envelope.rcptTo.map((r) => r.address),
              messageId: mail.messageId ?? null,
              subject: mail.subject ?? '',
              text: mail.text ?? '',
              html: typeof mail.html === 'string' ? mail.html : '',
              headers: mail.headers,
              raw,
            });
            callback();
          })
          .catch((error: Error) => callback(error));
      });
    },
  });
  // A port in use fails the caller at once, naming it, rather than leaving it waiting for a server that never listens.
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(wanted, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    messages,
    /** Messages to one address. */
    to: (address: string) => messages.filter((m) => m.to.includes(address)),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
