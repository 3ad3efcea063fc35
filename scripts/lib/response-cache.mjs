// @ts-check
/**
 * The response cache of the production server: whole reader pages in memory, each with its cache tags,
 * its ETag and its compressed variants (brotli and gzip, made once when the page is stored), bounded by
 * bytes and evicted least recently used (`lru-cache`). Concurrent misses of one page share one render
 * (request coalescing), so a purged hot page costs one render per instance, not one per reader.
 * A purge drops the pages carrying a tag at once; a render that was in flight when a purge touched its
 * tags is handed to the readers who were already waiting but is not stored, and readers arriving after
 * the purge wait for a new render. No I/O of its own: `render` is given by the server.
 */
import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { LRUCache } from 'lru-cache';
import { isCompressible } from './decide-page-request.mjs';

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

/**
 * @typedef {{ status: number; headers: [string, string][]; body: Buffer; tags: string[]; setsCookie?: boolean }} Rendered
 * @typedef {'identity' | 'br' | 'gzip'} Encoding
 * @typedef {{ body: Buffer; etag: string }} Variant
 * @typedef {{ status: number; headers: [string, string][]; tags: string[]; setsCookie?: boolean; superseded?: boolean; lastHitAt?: number; variants: Partial<Record<Encoding, Variant>>; etags: string[]; storedAt: number; size: number }} Page
 */

/**
 * Makes the stored form of a rendered response: its ETag (a hash of the body; one per encoding, since
 * the bytes differ) and its compressed variants when the body is worth compressing.
 * @param {Rendered} rendered
 * @returns {Promise<Page>}
 */
export async function toPage(rendered) {
  const hash = createHash('sha256').update(rendered.body).digest('base64url').slice(0, 27);
  /** @type {Partial<Record<Encoding, Variant>>} */
  const variants = { identity: { body: rendered.body, etag: `"${hash}"` } };
  const contentType = rendered.headers.find(([name]) => name === 'content-type')?.[1];
  if (rendered.body.length >= 512 && isCompressible(contentType)) {
    const [br, gz] = await Promise.all([
      brotli(rendered.body, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 7, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: rendered.body.length } }),
      gzip(rendered.body, { level: 7 }),
    ]);
    variants.br = { body: br, etag: `"${hash}-br"` };
    variants.gzip = { body: gz, etag: `"${hash}-gz"` };
  }
  const etags = Object.values(variants).map((v) => v.etag);
  const headerBytes = rendered.headers.reduce((n, [k, v]) => n + k.length + v.length, 0) + rendered.tags.join(' ').length;
  const size = Object.values(variants).reduce((n, v) => n + v.body.length, 0) + headerBytes + 256;
  return { status: rendered.status, headers: rendered.headers, tags: rendered.tags, setsCookie: rendered.setsCookie, variants, etags, storedAt: Date.now(), size };
}

export class ResponseCache {
  /** @type {LRUCache<string, Page>} */
  #pages;
  /** Which stored keys carry each tag. @type {Map<string, Set<string>>} */
  #byTag = new Map();
  /** Renders in flight by key, with the tags purged since each began. @type {Map<string, { promise: Promise<{ page: Page; stored: boolean }>; purged: Set<string> | 'all' }>} */
  #inflight = new Map();
  /** Renders in flight that a purge took out of `#inflight` (they finish, but readers no longer join them). @type {Set<{ purged: Set<string> | 'all' }>} */
  #superseded = new Set();

  stats = { hits: 0, misses: 0, coalesced: 0, renders: 0, stored: 0, purges: 0, purgedPages: 0, notStored: 0 };

  /**
   * `onPurged` is told the keys of purged pages that readers asked for within the last `hotMs`, so the
   * server can render them again at once (refresh-ahead) instead of on the next reader's request.
   * @param {{ maxBytes: number; ttlMs: number; hotMs?: number; onPurged?: (hotKeys: string[]) => void }} options
   */
  constructor({ maxBytes, ttlMs, hotMs = 10_000, onPurged }) {
    this.ttlMs = ttlMs;
    this.hotMs = hotMs;
    this.onPurged = onPurged;
    this.#pages = new LRUCache({
      maxSize: maxBytes,
      maxEntrySize: Math.max(1, Math.floor(maxBytes / 4)),
      sizeCalculation: (page) => page.size,
      ttl: ttlMs,
      ttlAutopurge: false,
      updateAgeOnGet: false,
      dispose: (page, key) => this.#unindex(key, page.tags),
    });
  }

  /** Bytes held now (bodies of every variant, plus headers). */
  get bytes() {
    return this.#pages.calculatedSize ?? 0;
  }

  get size() {
    return this.#pages.size;
  }

  /**
   * The stored page for `key`, or undefined.
   * @param {string} key
   */
  get(key) {
    return this.#pages.get(key);
  }

  /**
   * The stored page for `key`, counted as a hit, or undefined (then call `fetch`).
   * @param {string} key
   */
  hit(key) {
    const page = this.#pages.get(key);
    if (page) {
      this.stats.hits++;
      page.lastHitAt = Date.now();
    }
    return page;
  }

  /**
   * The page for `key`: from memory when stored, otherwise from `render()`, which concurrent callers
   * for the same key share. The page is stored for `storeMs(rendered)` ms (0: not stored).
   * @param {string} key
   * @param {() => Promise<Rendered>} render
   * @param {(rendered: Rendered) => number} storeMs
   * @returns {Promise<{ page: Page; state: 'HIT' | 'MISS' | 'COALESCED' }>}
   */
  async fetch(key, render, storeMs) {
    const stored = this.hit(key);
    if (stored) return { page: stored, state: 'HIT' };
    const flying = this.#inflight.get(key);
    if (flying) {
      this.stats.coalesced++;
      return { page: (await flying.promise).page, state: 'COALESCED' };
    }
    this.stats.misses++;
    this.stats.renders++;
    /** @type {{ promise: Promise<{ page: Page; stored: boolean }>; purged: Set<string> | 'all' }} */
    const flight = { promise: Promise.resolve(/** @type {any} */ (null)), purged: new Set() };
    flight.promise = (async () => {
      try {
        const rendered = await render();
        const page = await toPage(rendered);
        const ttl = storeMs(rendered);
        const purged = flight.purged;
        const stale = purged === 'all' || page.tags.some((tag) => purged.has(tag));
        if (ttl > 0 && !stale && page.size <= this.#pages.maxEntrySize) {
          this.#pages.set(key, page, { ttl });
          for (const tag of page.tags) {
            let keys = this.#byTag.get(tag);
            if (!keys) this.#byTag.set(tag, (keys = new Set()));
            keys.add(key);
          }
          this.stats.stored++;
          return { page, stored: true };
        }
        // A page a purge overtook may show what the purge removed: readers who asked before the purge
        // get it, but no shared cache in front may keep it (the server sends it with s-maxage=0).
        if (stale) page.superseded = true;
        this.stats.notStored++;
        return { page, stored: false };
      } finally {
        if (this.#inflight.get(key) === flight) this.#inflight.delete(key);
        this.#superseded.delete(flight);
      }
    })();
    this.#inflight.set(key, flight);
    return { page: (await flight.promise).page, state: 'MISS' };
  }

  /**
   * Drops every stored page carrying one of `tags`, and keeps renders in flight from being stored if
   * they show one (readers arriving from now on wait for a new render). Returns the pages dropped.
   * @param {readonly string[]} tags
   */
  purge(tags) {
    this.stats.purges++;
    this.#supersedeInflight(tags);
    /** @type {string[]} */
    const hot = [];
    const since = Date.now() - this.hotMs;
    let dropped = 0;
    for (const tag of tags) {
      const keys = this.#byTag.get(tag);
      if (!keys) continue;
      for (const key of [...keys]) {
        const page = this.#pages.peek(key, { allowStale: true });
        if (!this.#pages.delete(key)) continue;
        dropped++;
        if ((page?.lastHitAt ?? 0) >= since) hot.push(key);
      }
      this.#byTag.delete(tag);
    }
    this.stats.purgedPages += dropped;
    if (hot.length) this.onPurged?.(hot);
    return dropped;
  }

  /** Drops every stored page, and keeps every render in flight from being stored. Returns the pages dropped. */
  purgeAll() {
    this.stats.purges++;
    this.#supersedeInflight('all');
    const since = Date.now() - this.hotMs;
    /** @type {string[]} */
    const hot = [];
    for (const [key, page] of this.#pages.entries()) if ((page.lastHitAt ?? 0) >= since) hot.push(key);
    const dropped = this.#pages.size;
    this.#pages.clear();
    this.#byTag.clear();
    this.stats.purgedPages += dropped;
    if (hot.length) this.onPurged?.(hot);
    return dropped;
  }

  /** @param {readonly string[] | 'all'} tags */
  #supersedeInflight(tags) {
    for (const flight of [...this.#inflight.values(), ...this.#superseded]) {
      if (tags === 'all') flight.purged = 'all';
      else if (flight.purged !== 'all') for (const tag of tags) flight.purged.add(tag);
      this.#superseded.add(flight);
    }
    this.#inflight.clear();
  }

  /**
   * @param {string} key
   * @param {readonly string[]} tags
   */
  #unindex(key, tags) {
    for (const tag of tags) {
      const keys = this.#byTag.get(tag);
      if (!keys) continue;
      keys.delete(key);
      if (keys.size === 0) this.#byTag.delete(tag);
    }
  }
}
