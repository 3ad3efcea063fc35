import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { purgeSettingsFrom, sendPurge } from '@/lib/cache/shared-purge';

type Seen = { method: string; headers: IncomingHttpHeaders };

/** A real HTTP server standing in for Varnish's purge endpoint: answers the statuses given, in order. */
async function purgeTarget(statuses: number[]) {
  const seen: Seen[] = [];
  const server = createServer((req, res) => {
    seen.push({ method: req.method ?? '', headers: req.headers });
    res.writeHead(statuses[Math.min(seen.length - 1, statuses.length - 1)] ?? 200).end('ok');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  return { url, seen, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

let close: (() => Promise<void>) | undefined;
afterEach(async () => close?.());

describe('purgeSettingsFrom', () => {
  it('is off without CACHE_PURGE_URL and refuses what is not an http URL', () => {
    expect(purgeSettingsFrom({})).toBeNull();
    expect(purgeSettingsFrom({ CACHE_PURGE_URL: ' ' })).toBeNull();
    expect(purgeSettingsFrom({ CACHE_PURGE_URL: 'http://varnish:6081/' })).toEqual({ url: 'http://varnish:6081/', method: 'PURGE', token: undefined });
    expect(purgeSettingsFrom({ CACHE_PURGE_URL: 'https://api.cdn/purge', CACHE_PURGE_METHOD: 'POST', CACHE_PURGE_TOKEN: 't' })).toEqual({ url: 'https://api.cdn/purge', method: 'POST', token: 't' });
    expect(() => purgeSettingsFrom({ CACHE_PURGE_URL: 'varnish:6081' })).toThrow(/http/);
  });
});

describe('sendPurge', () => {
  it('sends the tags as Surrogate-Key and Cache-Tag, with the token', async () => {
    const target = await purgeTarget([200]);
    close = target.close;
    expect(await sendPurge({ url: target.url, method: 'PURGE', token: 'secret' }, ['content', 'article:a'], { log: () => {} })).toBe(true);
    expect(target.seen).toHaveLength(1);
    expect(target.seen[0]).toMatchObject({ method: 'PURGE', headers: { 'surrogate-key': 'content article:a', 'cache-tag': 'content,article:a', authorization: 'Bearer secret' } });
  });

  it('retries a failing cache with backoff until it accepts', async () => {
    const target = await purgeTarget([503, 503, 200]);
    close = target.close;
    expect(await sendPurge({ url: target.url, method: 'PURGE' }, ['content'], { delayMs: 5, log: () => {} })).toBe(true);
    expect(target.seen).toHaveLength(3);
  });

  it('gives up after its attempts, or at once when refused, with one log line', async () => {
    const target = await purgeTarget([500]);
    close = target.close;
    const lines: string[] = [];
    expect(await sendPurge({ url: target.url, method: 'PURGE' }, ['article:a'], { attempts: 3, delayMs: 5, log: (l) => lines.push(l) })).toBe(false);
    expect(target.seen).toHaveLength(3);
    expect(lines).toEqual([expect.stringMatching(/^\[cache-purge\] PURGE http:\/\/127\.0\.0\.1:\d+\/ failed \(HTTP 500\) for tags: article:a$/)]);

    const refusing = await purgeTarget([403]);
    const refused: string[] = [];
    expect(await sendPurge({ url: refusing.url, method: 'PURGE' }, ['content'], { delayMs: 5, log: (l) => refused.push(l) })).toBe(false);
    expect(refusing.seen).toHaveLength(1);
    expect(refused).toHaveLength(1);
    await refusing.close();
  });

  it('logs an unreachable cache instead of throwing', async () => {
    const target = await purgeTarget([200]);
    await target.close();
    const lines: string[] = [];
    expect(await sendPurge({ url: target.url, method: 'PURGE' }, ['content'], { attempts: 2, delayMs: 5, log: (l) => lines.push(l) })).toBe(false);
    expect(lines[0]).toMatch(/failed/);
  });
});
