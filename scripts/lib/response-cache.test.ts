import { gunzipSync, brotliDecompressSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { ResponseCache, toPage } from './response-cache.mjs';

const html = (text: string, tags: string[] = ['content'], status = 200) => ({
  status,
  headers: [['content-type', 'text/html; charset=utf-8']] as [string, string][],
  body: Buffer.from(`<!doctype html><p>${text}</p>${' '.repeat(2000)}`),
  tags,
});
const store = () => 60_000;

/** A render the test finishes by hand, counting how often it was started. */
function controlledRender(text: string, tags?: string[]) {
  let starts = 0;
  let finish: () => void = () => {};
  const render = () => {
    starts++;
    return new Promise<ReturnType<typeof html>>((resolve) => {
      finish = () => resolve(html(text, tags));
    });
  };
  return { render, starts: () => starts, finish: () => finish() };
}

describe('toPage', () => {
  it('makes brotli and gzip variants of the same bytes, each with its own ETag', async () => {
    const page = await toPage(html('hello'));
    expect(brotliDecompressSync(page.variants.br!.body).toString()).toBe(page.variants.identity!.body.toString());
    expect(gunzipSync(page.variants.gzip!.body).toString()).toBe(page.variants.identity!.body.toString());
    expect(new Set(page.etags).size).toBe(3);
    expect((await toPage(html('hello'))).etags).toEqual(page.etags);
    expect((await toPage(html('hullo'))).etags[0]).not.toBe(page.etags[0]);
  });
  it('does not compress what is small or not text', async () => {
    const page = await toPage({ status: 200, headers: [['content-type', 'image/png']], body: Buffer.alloc(4000), tags: [] });
    expect(Object.keys(page.variants)).toEqual(['identity']);
  });
});

describe('ResponseCache', () => {
  it('renders a page once and answers the next requests from memory', async () => {
    const cache = new ResponseCache({ maxBytes: 1e6, ttlMs: 60_000 });
    let renders = 0;
    const render = async () => (renders++, html('front'));
    expect((await cache.fetch('/', render, store)).state).toBe('MISS');
    expect((await cache.fetch('/', render, store)).state).toBe('HIT');
    expect(renders).toBe(1);
  });

  it('coalesces 500 concurrent misses of a purged page into one render', async () => {
    const cache = new ResponseCache({ maxBytes: 1e6, ttlMs: 60_000 });
    const r = controlledRender('hot');
    const requests = Array.from({ length: 500 }, () => cache.fetch('/hot', r.render, store));
    await new Promise((resolve) => setImmediate(resolve));
    r.finish();
    const answers = await Promise.all(requests);
    expect(r.starts()).toBe(1);
    expect(answers.filter((a) => a.state === 'MISS')).toHaveLength(1);
    expect(answers.filter((a) => a.state === 'COALESCED')).toHaveLength(499);
    expect(cache.stats.renders).toBe(1);
  });

  it('purges exactly the pages that carry a tag', async () => {
    const cache = new ResponseCache({ maxBytes: 1e6, ttlMs: 60_000 });
    await cache.fetch('/', async () => html('front', ['content', 'section:climate']), store);
    await cache.fetch('/climate/a', async () => html('a', ['content', 'article:a']), store);
    await cache.fetch('/climate/b', async () => html('b', ['content', 'article:b']), store);
    expect(cache.purge(['article:a'])).toBe(1);
    expect(cache.get('/climate/a')).toBeUndefined();
    expect(cache.get('/climate/b')).toBeDefined();
    expect(cache.get('/')).toBeDefined();
    expect(cache.purge(['content'])).toBe(2);
    expect(cache.size).toBe(0);
  });

  it('does not store a render that a purge of its tags overtook, and readers after the purge get a new one', async () => {
    const cache = new ResponseCache({ maxBytes: 1e6, ttlMs: 60_000 });
    const old = controlledRender('old headline', ['content', 'article:a']);
    const before = cache.fetch('/a', old.render, store);
    await new Promise((resolve) => setImmediate(resolve));
    cache.purge(['article:a']); // the change commits while the old render is still running
    const fresh = controlledRender('new headline', ['content', 'article:a']);
    const after = cache.fetch('/a', fresh.render, store);
    await new Promise((resolve) => setImmediate(resolve));
    old.finish();
    fresh.finish();
    expect((await before).page.variants.identity!.body.toString()).toContain('old headline');
    expect((await before).page.superseded).toBe(true); // sent with s-maxage=0: no shared cache keeps it
    expect((await after).page.superseded).toBeUndefined();
    expect((await after).page.variants.identity!.body.toString()).toContain('new headline');
    expect(cache.get('/a')!.variants.identity!.body.toString()).toContain('new headline');
  });

  it('keeps a render that only an unrelated purge overtook', async () => {
    const cache = new ResponseCache({ maxBytes: 1e6, ttlMs: 60_000 });
    const r = controlledRender('b', ['content', 'article:b']);
    const pending = cache.fetch('/b', r.render, store);
    await new Promise((resolve) => setImmediate(resolve));
    cache.purge(['article:a']);
    r.finish();
    await pending;
    expect(cache.get('/b')).toBeDefined();
  });

  it('stores nothing that storeMs refuses (errors, redirects), but still answers the waiting readers with it', async () => {
    const cache = new ResponseCache({ maxBytes: 1e6, ttlMs: 60_000 });
    const answer = await cache.fetch('/boom', async () => html('error', [], 500), (r) => (r.status === 200 ? 60_000 : 0));
    expect(answer.page.status).toBe(500);
    expect(cache.get('/boom')).toBeUndefined();
  });

  it('stays within its memory bound, evicting the least recently used page', async () => {
    const cache = new ResponseCache({ maxBytes: 40_000, ttlMs: 60_000 });
    for (let i = 0; i < 50; i++) await cache.fetch(`/p${i}`, async () => ({ ...html(`p${i}`), body: Buffer.from(`p${i}`.padEnd(6_000, String(i % 10))) }), store);
    expect(cache.bytes).toBeLessThanOrEqual(40_000);
    expect(cache.get('/p49')).toBeDefined();
    expect(cache.get('/p0')).toBeUndefined();
    // An evicted page's tags are forgotten with it: purging them later touches nothing.
    expect(cache.purge(['content'])).toBe(cache.stats.purgedPages);
  });

  it('expires pages after their time to live', async () => {
    const cache = new ResponseCache({ maxBytes: 1e6, ttlMs: 60_000 });
    await cache.fetch('/short', async () => html('s'), () => 1);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(cache.get('/short')).toBeUndefined();
  });

  it('names the purged pages readers asked for recently, so the server can render them again at once', async () => {
    const told: string[][] = [];
    const cache = new ResponseCache({ maxBytes: 1e6, ttlMs: 60_000, hotMs: 60_000, onPurged: (keys) => told.push(keys) });
    await cache.fetch('/read', async () => html('read', ['content', 'section:a']), store);
    await cache.fetch('/unread', async () => html('unread', ['content', 'section:a']), store);
    cache.hit('/read'); // a reader asked for it after it was stored
    cache.purge(['section:a']);
    expect(told).toEqual([['/read']]);
    await cache.fetch('/read', async () => html('read again', ['content']), store);
    await cache.fetch('/other', async () => html('other', ['content']), store);
    cache.hit('/read');
    cache.purgeAll();
    expect(told.at(-1)).toEqual(['/read']);
    cache.purge(['nothing-carries-this']);
    expect(told).toHaveLength(2);
  });
});
