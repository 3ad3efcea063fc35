import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { EMPTY_ALLOWLIST, parseAllowlist } from '@/lib/webhooks/decide-target';
import { checkedLookup, deliverWebhook, EXCERPT_CHARS, type Resolver } from '@/lib/webhooks/safe-fetch';

// A real HTTP server on the loopback address: the point of these tests is what reaches it and what does not.
type Hit = { method: string; path: string; headers: http.IncomingHttpHeaders; body: string };
const hits: Hit[] = [];
const server = http.createServer((req, res) => {
  let body = '';
  req.on('data', (c: Buffer) => (body += c.toString()));
  req.on('end', () => {
    hits.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers, body });
    const path = new URL(req.url ?? '/', 'http://test').pathname;
    if (path === '/ok') return res.writeHead(200, { 'content-type': 'text/plain' }).end('thanks');
    if (path === '/redirect') return res.writeHead(302, { location: `${base}/ok` }).end();
    if (path === '/fail') return res.writeHead(503).end('down for maintenance');
    if (path === '/slow') return; // never answers
    if (path === '/huge') {
      res.writeHead(200);
      const chunk = 'x'.repeat(64 * 1024);
      // Far more than the cap; the client must stop reading, not wait for all of it.
      const write = (left: number): void => {
        if (left === 0 || res.destroyed) return void res.end();
        if (res.write(chunk)) setImmediate(() => write(left - 1));
        else res.once('drain', () => write(left - 1));
      };
      return write(256);
    }
    res.writeHead(404).end();
  });
});
let base = '';
let port = 0;

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
  base = `http://127.0.0.1:${port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});
beforeEach(() => {
  hits.length = 0;
});

const loopback = parseAllowlist('127.0.0.1');
const body = JSON.stringify({ type: 'article.published', data: { id: 'a1' } });

describe('deliverWebhook', () => {
  it('refuses a loopback target without the allowlist, and nothing reaches the server', async () => {
    for (const url of [
      `${base}/ok`,
      `https://127.0.0.1:${port}/ok`,
      `http://localhost:${port}/ok`,
      `http://2130706433:${port}/ok`,
      `http://[::ffff:127.0.0.1]:${port}/ok`,
    ]) {
      const result = await deliverWebhook({ url, body, allowlist: EMPTY_ALLOWLIST });
      expect(result).toMatchObject({ ok: false, status: null, refused: true });
      expect(result.error).toMatch(/^refused: /);
    }
    expect(hits).toEqual([]);
  });

  it('delivers to an allowlisted address: POST, the body and headers as given, the response excerpt', async () => {
    const result = await deliverWebhook({ url: `${base}/ok?x=1`, body, headers: { 'webhook-id': 'msg_1' }, allowlist: loopback });
    expect(result).toMatchObject({ ok: true, status: 200, responseExcerpt: 'thanks', error: null, refused: false });
    expect(result.durationMs).toBeGreaterThanOrEqual(0);
    expect(hits).toHaveLength(1);
    expect(hits[0]).toMatchObject({ method: 'POST', path: '/ok?x=1', body });
    expect(hits[0]?.headers).toMatchObject({
      'content-type': 'application/json',
      'webhook-id': 'msg_1',
      'content-length': String(Buffer.byteLength(body)),
    });
    expect(hits[0]?.headers['user-agent']).toMatch(/^Masthead-Webhooks\//);
  });

  it('does not follow a redirect: a 3xx is a failure with its status', async () => {
    const result = await deliverWebhook({ url: `${base}/redirect`, body, allowlist: loopback });
    expect(result).toMatchObject({ ok: false, status: 302, refused: false });
    expect(result.error).toMatch(/redirect not followed \(302 to http:\/\/127\.0\.0\.1:\d+\/ok\)/);
    expect(hits.map((h) => h.path)).toEqual(['/redirect']);
  });

  it('reports an error status with the response excerpt', async () => {
    const result = await deliverWebhook({ url: `${base}/fail`, body, allowlist: loopback });
    expect(result).toMatchObject({ ok: false, status: 503, error: 'HTTP 503', responseExcerpt: 'down for maintenance', refused: false });
  });

  it('gives up after the timeout', async () => {
    const result = await deliverWebhook({ url: `${base}/slow`, body, allowlist: loopback, timeoutMs: 300 });
    expect(result).toMatchObject({ ok: false, status: null, error: 'timed out after 300 ms', refused: false });
    expect(result.durationMs).toBeGreaterThanOrEqual(290);
    expect(result.durationMs).toBeLessThan(3_000);
  });

  it('reads a huge response only up to the cap and keeps a short excerpt', async () => {
    const result = await deliverWebhook({ url: `${base}/huge`, body, allowlist: loopback, maxResponseBytes: 100_000, timeoutMs: 5_000 });
    expect(result).toMatchObject({ ok: true, status: 200, error: null });
    expect(result.responseExcerpt).toHaveLength(EXCERPT_CHARS);
  });

  it('reports a refused connection without throwing', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const closedPort = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const result = await deliverWebhook({ url: `http://127.0.0.1:${closedPort}/`, body, allowlist: loopback });
    expect(result).toMatchObject({ ok: false, status: null, refused: false });
    expect(result.error).toMatch(/ECONNREFUSED/);
  });

  it('reports a request Node refuses to send (a header with a line break) without throwing', async () => {
    const result = await deliverWebhook({ url: `${base}/ok`, body, headers: { 'x-bad': 'a\r\nInjected: 1' }, allowlist: loopback });
    expect(result).toMatchObject({ ok: false, status: null, refused: false });
    expect(result.error).toMatch(/ERR_INVALID_CHAR/);
    expect(hits).toEqual([]);
  });

  it('refuses a refused-by-policy URL before any connection (https, credentials)', async () => {
    const result = await deliverWebhook({ url: `http://user:pw@127.0.0.1:${port}/ok`, body, allowlist: loopback });
    expect(result).toMatchObject({ ok: false, refused: true });
    expect(hits).toEqual([]);
  });
});

describe('the connect-time check (DNS answers come from a fake resolver; nothing leaves the machine)', () => {
  const answers = (...addresses: string[]): Resolver & { calls: number } => {
    const resolver = Object.assign(
      async () => {
        resolver.calls += 1;
        return addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
      },
      { calls: 0 },
    );
    return resolver;
  };

  it('refuses a public-looking name that resolves to loopback (DNS rebinding), before connecting', async () => {
    const resolve = answers('127.0.0.1');
    const result = await deliverWebhook({ url: `https://hooks.example.com:${port}/ok`, body, resolve });
    expect(result).toMatchObject({ ok: false, status: null, refused: true });
    expect(result.error).toBe('refused: hooks.example.com resolves to 127.0.0.1, which is not a public address');
    expect(resolve.calls).toBe(1);
    expect(hits).toEqual([]);
  });

  it('refuses a name when any one of its addresses is not public', async () => {
    const result = await deliverWebhook({
      url: `https://hooks.example.com:${port}/ok`,
      body,
      resolve: answers('93.184.215.14', '::ffff:169.254.169.254'),
    });
    expect(result).toMatchObject({ refused: true });
    expect(result.error).toMatch(/169\.254\.169\.254/);
  });

  it('connects to exactly the address it checked: an allowlisted name is resolved once and pinned', async () => {
    const resolve = answers('127.0.0.1');
    const result = await deliverWebhook({
      url: `http://hooks.test.example:${port}/ok`,
      body,
      resolve,
      allowlist: parseAllowlist('hooks.test.example'),
    });
    expect(result).toMatchObject({ ok: true, status: 200 });
    expect(resolve.calls).toBe(1);
    expect(hits[0]?.headers.host).toBe(`hooks.test.example:${port}`);
  });

  it('lets an address in an allowlisted range through at connect time', async () => {
    const lookup = checkedLookup({ resolve: answers('10.1.2.3'), allowlist: parseAllowlist('10.0.0.0/8'), trustHost: false });
    const got = await new Promise((resolve) =>
      lookup('hooks.corp.example', { all: true }, (error, addresses) => resolve({ error, addresses })),
    );
    expect(got).toEqual({ error: null, addresses: [{ address: '10.1.2.3', family: 4 }] });
  });

  it('answers both lookup forms, honouring a requested family', async () => {
    const lookup = checkedLookup({ resolve: answers('2606:4700:4700::1111', '1.1.1.1'), allowlist: EMPTY_ALLOWLIST, trustHost: false });
    const single = await new Promise((resolve) =>
      lookup('one.example', { family: 4 }, (error, address, family) => resolve({ error, address, family })),
    );
    expect(single).toEqual({ error: null, address: '1.1.1.1', family: 4 });
    const all = await new Promise((resolve) => lookup('one.example', { all: true }, (_error, addresses) => resolve(addresses)));
    expect(all).toEqual([
      { address: '2606:4700:4700::1111', family: 6 },
      { address: '1.1.1.1', family: 4 },
    ]);
  });
});
