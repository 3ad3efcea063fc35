/** Transport options for nodemailer's pooled SMTP transport, as a plain object (no nodemailer import). */
export type SmtpOptions = {
  pool: true;
  host: string;
  port: number;
  secure: boolean;
  auth?: { user: string; pass: string };
  maxConnections: number;
  /** At most `rateLimit` messages per `rateDelta` ms, per pool (nodemailer's rate limiting). */
  rateDelta: 1000;
  rateLimit: number;
};

/** Messages per second when SMTP_RATE is unset: within what most providers allow a new sender. */
export const DEFAULT_SMTP_RATE = 10;

/**
 * `SMTP_URL` (`smtp://user:pass@host:587`, or `smtps://` for TLS from the first byte, port 465 by
 * default) and `SMTP_RATE` (messages per second, 1 to 1,000) as pooled transport options; null when
 * SMTP_URL is unset (the built-in catcher then takes the mail). Throws naming the variable otherwise.
 */
export function decideSmtpOptions(env: { SMTP_URL?: string; SMTP_RATE?: string }): SmtpOptions | null {
  const raw = env.SMTP_URL?.trim();
  if (!raw) return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error('SMTP_URL must be a URL such as smtp://user:password@smtp.example.com:587 or smtps://…:465.');
  }
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') throw new Error('SMTP_URL must start with smtp:// or smtps://.');
  if (!url.hostname) throw new Error('SMTP_URL names no host.');
  const secure = url.protocol === 'smtps:';
  const port = url.port ? Number(url.port) : secure ? 465 : 587;
  const rateText = env.SMTP_RATE?.trim();
  const rate = rateText ? Number(rateText) : DEFAULT_SMTP_RATE;
  if (!Number.isFinite(rate) || rate < 1 || rate > 1_000)
    throw new Error('SMTP_RATE must be a number of messages per second from 1 to 1000.');
  const user = decodeURIComponent(url.username);
  return {
    pool: true,
    host: url.hostname.replace(/^\[|\]$/g, ''),
    port,
    secure,
    ...(user ? { auth: { user, pass: decodeURIComponent(url.password) } } : {}),
    maxConnections: Math.min(5, Math.max(1, Math.ceil(rate / 10))),
    rateDelta: 1000,
    rateLimit: Math.floor(rate),
  };
}

/**
 * What an SMTP server's refusal of one recipient means for that address, pure:
 * - `hard-bounce`: the address does not exist or cannot take mail (5.1.x, 5.2.1 disabled, 550/551/553 of
 *   a mailbox): stop mailing it;
 * - `complaint`: the server reports the recipient marked mail as spam (feedback-loop wording): stop;
 * - `blocked`: a 5.7.x policy refusal (our sender's reputation or authentication, SPF/DKIM/DMARC),
 *   which is not the address's fault: keep it, report the send as failed;
 * - `soft`: 4xx, or a full mailbox (5.2.2): retry later, the address stays.
 */
export function classifySmtpFailure(code: number | null | undefined, response = ''): 'hard-bounce' | 'complaint' | 'blocked' | 'soft' {
  const text = response.toLowerCase();
  const enhanced = /\b([245])\.(\d{1,3})\.(\d{1,3})\b/.exec(response);
  if (/\b(complain|abuse report|marked as spam|feedback loop)\b/.test(text)) return 'complaint';
  if (!code || code < 500) return 'soft';
  if (enhanced) {
    const [, , subject, detail] = enhanced;
    if (subject === '7') return 'blocked';
    if (subject === '1') return 'hard-bounce';
    if (subject === '2') return detail === '2' ? 'soft' : 'hard-bounce';
  }
  if (/\b(spf|dkim|dmarc|policy|blocked|blacklist|blocklist|reputation)\b/.test(text)) return 'blocked';
  return code === 550 || code === 551 || code === 553 ? 'hard-bounce' : 'soft';
}
