import 'server-only';
import nodemailer, { type Transporter } from 'nodemailer';
import { getEnv } from '@/lib/env';
import { startSmtpCatcher } from '@/lib/newsletters/catcher';
import { decideSmtpOptions } from '@/lib/newsletters/decide-smtp';

/** One message as the mailer sends it. */
export type OutgoingEmail = {
  from: { name: string; address: string };
  to: string;
  subject: string;
  html: string;
  text: string;
  headers?: Record<string, string>;
  messageId?: string;
};

/** What the SMTP server said of a message: accepted, or refused with its code and text. */
export type SendResult = { ok: true; response: string } | { ok: false; code: number | null; response: string };

const globalForMailer = globalThis as unknown as { mastheadMailer?: Promise<{ transport: Transporter; caught: boolean }> };

/**
 * The process's pooled SMTP transport (nodemailer): SMTP_URL at SMTP_RATE messages a second
 * (`decideSmtpOptions`), or with no SMTP_URL the built-in catcher (lib/newsletters/catcher.ts).
 */
function getTransport(): Promise<{ transport: Transporter; caught: boolean }> {
  globalForMailer.mastheadMailer ??= (async () => {
    const env = getEnv();
    const options = decideSmtpOptions(env);
    if (options) return { transport: nodemailer.createTransport(options), caught: false };
    const { port } = await startSmtpCatcher();
    return {
      transport: nodemailer.createTransport({ pool: true, host: '127.0.0.1', port, secure: false, ignoreTLS: true, maxConnections: 2 }),
      caught: true,
    };
  })();
  globalForMailer.mastheadMailer.catch(() => (globalForMailer.mastheadMailer = undefined));
  return globalForMailer.mastheadMailer;
}

/** True when mail goes to the built-in catcher (no SMTP_URL), so the dashboard shows the caught mail. */
export function mailIsCaught(): boolean {
  return decideSmtpOptions(getEnv()) === null;
}

/**
 * Sends one message through the pool and reports what the server answered; never throws for a refusal
 * (connection failures are `ok: false` with a null code: soft).
 */
export async function sendEmail(email: OutgoingEmail): Promise<SendResult> {
  const { transport } = await getTransport();
  try {
    const info = await transport.sendMail({
      from: email.from,
      to: email.to,
      subject: email.subject,
      html: email.html,
      text: email.text,
      headers: email.headers,
      messageId: email.messageId,
    });
    if (info.rejected.length > 0) return { ok: false, code: 550, response: String(info.response ?? 'Recipient refused') };
    return { ok: true, response: String(info.response ?? '') };
  } catch (error) {
    const e = error as { responseCode?: number; response?: string; message?: string };
    return {
      ok: false,
      code: typeof e.responseCode === 'number' ? e.responseCode : null,
      response: e.response ?? e.message ?? String(error),
    };
  }
}

/** Closes the pool (a worker stopping). */
export async function closeMailer() {
  const mailer = globalForMailer.mastheadMailer;
  globalForMailer.mastheadMailer = undefined;
  (await mailer?.catch(() => null))?.transport.close();
}
