/**
 * The e2e tests' SMTP server, as a process of its own (playwright.config.ts starts it beside the site):
 * SMTP on SMTP_SINK_PORT (tests/support/smtp-sink.ts), and on SMTP_SINK_HTTP_PORT an HTTP view of what
 * it took for the specs to read: GET /messages?to=<address> → JSON, GET /health → 200.
 */
import { createServer } from 'node:http';
import { rawHeader, startSmtpSink } from './smtp-sink';

const smtpPort = Number(process.env.SMTP_SINK_PORT ?? 3126);
const httpPort = Number(process.env.SMTP_SINK_HTTP_PORT ?? 3125);

const sink = await startSmtpSink({ port: smtpPort });
createServer((request, response) => {
  const url = new URL(request.url ?? '/', 'http://sink');
  if (url.pathname === '/health') return void response.writeHead(200).end('ok');
  if (url.pathname !== '/messages') return void response.writeHead(404).end();
  const to = url.searchParams.get('to');
  const messages = (to ? sink.to(to) : sink.messages).map((m) => ({
    to: m.to,
    subject: m.subject,
    messageId: m.messageId,
    text: m.text,
    html: m.html,
    listUnsubscribe: rawHeader(m.raw, 'List-Unsubscribe'),
    listUnsubscribePost: rawHeader(m.raw, 'List-Unsubscribe-Post'),
  }));
  response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(messages));
}).listen(httpPort, '127.0.0.1', () => console.log(`[smtp-sink] SMTP on ${smtpPort}, messages on http://127.0.0.1:${httpPort}/messages`));
