import { describe, expect, it } from 'vitest';
import { cachedPageHeaders, decidePageRequest, isEmptyNotFoundShell, isPublicPage, matchesEtag, MAX_URL_LENGTH, negotiateEncoding, storeFor } from './decide-page-request.mjs';

const get = (url: string, headers: Record<string, string> = {}, method = 'GET') => decidePageRequest({ method, url, headers });

describe('decidePageRequest', () => {
  it('caches anonymous GET and HEAD of reader pages, feeds and sitemaps under their path', () => {
    for (const url of ['/', '/climate', '/climate/page/2', '/climate/an-article', '/authors/a', '/tags/t/page/3', '/campaigns/c', '/about', '/about/ethics', '/corrections', '/corrections/page/2', '/feed.xml', '/feeds/tags/ai', '/feeds/corrections', '/sitemap.xml', '/sitemaps/articles/1', '/news-sitemap.xml', '/robots.txt']) {
      expect(get(url), url).toEqual({ cache: true, key: url, renderUrl: url });
    }
    expect(get('/climate', {}, 'HEAD')).toMatchObject({ cache: true, key: '/climate' });
  });
  it('drops tracking and other query parameters, so they share the page', () => {
    expect(get('/climate/an-article?utm_source=x&fbclid=y')).toEqual({ cache: true, key: '/climate/an-article', renderUrl: '/climate/an-article' });
  });
  it('keeps the search query, normalised, with its page, for a minute', () => {
    expect(get('/search?q=%20gene%20%20therapy%20&utm=1&page=2')).toEqual({ cache: true, key: '/search?q=gene+therapy&page=2', renderUrl: '/search?q=gene+therapy&page=2', ttlMs: 60_000 });
    expect(get('/search')).toMatchObject({ cache: true, key: '/search' });
  });
  it('leaves the old ?page=N to Next, whose proxy answers 301', () => {
    expect(get('/climate?page=2')).toEqual({ cache: false, reason: 'redirect' });
  });
  it('never serves a session, an API call, the dashboard, previews, the router or actions from the cache', () => {
    expect(get('/', { cookie: 'theme=dark; authjs.session-token=abc' })).toMatchObject({ cache: false, reason: 'session' });
    expect(get('/', { cookie: '__Secure-authjs.session-token.0=abc' })).toMatchObject({ cache: false, reason: 'session' });
    expect(get('/', { authorization: 'Bearer k' })).toMatchObject({ cache: false, reason: 'authorization' });
    for (const h of ['rsc', 'next-router-prefetch', 'next-router-state-tree', 'next-action']) expect(get('/climate', { [h]: '1' }), h).toMatchObject({ cache: false, reason: 'router' });
    expect(get('/climate?_rsc=abc')).toMatchObject({ cache: false, reason: 'router' });
    for (const url of ['/dashboard', '/dashboard/articles', '/login', '/api/auth/session', '/preview/tok', '/_next/static/x.js', '/_next/image?url=x', '/media/a.jpg', '/newsletters/preferences?token=r1.a.b', '/newsletters/unsubscribe?token=r1.a.b']) expect(get(url), url).toMatchObject({ cache: false, reason: 'path' });
    for (const method of ['POST', 'PUT', 'DELETE', 'OPTIONS']) expect(get('/', {}, method)).toMatchObject({ cache: false, reason: 'method' });
  });
  it('serves a reader cookie that is not a session, and a no-cache reload, from the cache', () => {
    expect(get('/', { cookie: 'theme=dark', 'cache-control': 'no-cache', pragma: 'no-cache' })).toMatchObject({ cache: true });
  });
  it('has a length limit that real URLs never reach', () => expect(MAX_URL_LENGTH).toBeGreaterThanOrEqual(2048));
});

describe('negotiateEncoding', () => {
  it('prefers brotli, then gzip, honouring q=0 and *', () => {
    expect(negotiateEncoding('gzip, deflate, br, zstd')).toBe('br');
    expect(negotiateEncoding('gzip')).toBe('gzip');
    expect(negotiateEncoding('br;q=0, gzip;q=0.8')).toBe('gzip');
    expect(negotiateEncoding('*')).toBe('br');
    expect(negotiateEncoding('*;q=0, gzip')).toBe('gzip');
    expect(negotiateEncoding(undefined)).toBe('identity');
    expect(negotiateEncoding('identity')).toBe('identity');
    expect(negotiateEncoding('BR')).toBe('br');
  });
});

describe('matchesEtag', () => {
  it('compares weakly, in a list, with *', () => {
    const etags = ['"abc"', '"abc-br"'];
    expect(matchesEtag('"abc-br"', etags)).toBe(true);
    expect(matchesEtag('W/"abc"', etags)).toBe(true);
    expect(matchesEtag('"x", "abc"', etags)).toBe(true);
    expect(matchesEtag('*', etags)).toBe(true);
    expect(matchesEtag('"abd"', etags)).toBe(false);
    expect(matchesEtag(undefined, etags)).toBe(false);
  });
});

describe('storeFor', () => {
  it('keeps 200s for the TTL, 404s briefly, and nothing else', () => {
    expect(storeFor({ status: 200, setsCookie: false, ttlMs: 600_000 })).toBe(600_000);
    expect(storeFor({ status: 404, setsCookie: false, ttlMs: 600_000 })).toBe(60_000);
    for (const status of [301, 308, 410, 500, 503]) expect(storeFor({ status, setsCookie: false, ttlMs: 600_000 }), String(status)).toBe(0);
    expect(storeFor({ status: 200, setsCookie: true, ttlMs: 600_000 })).toBe(0);
    expect([isPublicPage({ status: 404, setsCookie: false }), isPublicPage({ status: 301, setsCookie: false }), isPublicPage({ status: 200, setsCookie: true })]).toEqual([true, false, false]);
  });
});

describe('cachedPageHeaders', () => {
  it('lets shared caches keep the page, browsers revalidate, and names its tags for purges', () => {
    expect(cachedPageHeaders({ tags: ['content', 'article:a1'], sharedMaxAgeS: 600, vary: 'rsc, Accept-Encoding' })).toEqual({
      'cache-control': 'public, max-age=0, must-revalidate, s-maxage=600',
      vary: 'rsc, Accept-Encoding',
      'surrogate-key': 'content article:a1',
      'cache-tag': 'content,article:a1',
    });
    expect(cachedPageHeaders({ tags: [], sharedMaxAgeS: 60 })).toEqual({ 'cache-control': 'public, max-age=0, must-revalidate, s-maxage=60', vary: 'Accept-Encoding' });
  });
});

describe('isEmptyNotFoundShell', () => {
  const html = [['content-type', 'text/html; charset=utf-8']] as const;
  it('recognises the empty 404 shell Next sends for notFound()', () => {
    const shell = '<!DOCTYPE html><html id="__next_error__"><head><meta charSet="utf-8"/></head><body><div hidden=""></div><script>…</script></body></html>';
    expect(isEmptyNotFoundShell({ status: 404, headers: html, body: Buffer.from(shell) })).toBe(true);
  });
  it('leaves a server-rendered 404, a 500 shell and non-HTML answers alone', () => {
    expect(isEmptyNotFoundShell({ status: 404, headers: html, body: '<!DOCTYPE html><html lang="en"><head></head><body><main id="main">' })).toBe(false);
    expect(isEmptyNotFoundShell({ status: 500, headers: html, body: '<!DOCTYPE html><html id="__next_error__">' })).toBe(false);
    expect(isEmptyNotFoundShell({ status: 404, headers: [['content-type', 'text/plain']], body: '<html id="__next_error__">' })).toBe(false);
  });
});
