import { describe, expect, it } from 'vitest';
import { isRedirectablePath, redirectKeyOf, withoutTrailingSlash } from '@/lib/redirects/redirect-lookup';

describe('isRedirectablePath', () => {
  it('covers section fronts and articles', () => {
    expect(isRedirectablePath('/life-sciences')).toBe(true);
    expect(isRedirectablePath('/life-sciences/gene-therapy-next')).toBe(true);
  });
  it('leaves everything else alone', () => {
    for (const p of ['/', '/dashboard', '/dashboard/articles', '/api/auth/session', '/a/b/c', '/Upper/x', '/feed.xml', '/media/abc.jpg']) {
      expect(isRedirectablePath(p), p).toBe(false);
    }
  });
  it('covers the permalinks of an imported WordPress or Ghost site', () => {
    for (const p of [
      '/2020/05/12/council-votes',
      '/2020/05/council-votes',
      '/archives/123',
      '/news/2021/budget',
      '/council-votes.html',
      '/2019/03/slug.htm',
      '/%E4%BD%A0%E5%A5%BD',
      '/tag/climate',
      '/author/jane_doe',
      '/p',
    ]) {
      expect(isRedirectablePath(p), p).toBe(true);
    }
  });
  it('still refuses the app’s own areas, odd characters and very long paths', () => {
    for (const p of [
      '/dashboard/2020/05/x',
      '/api/2020/05/x',
      '/_next/webpack-hmr',
      '/2020/05/Slug',
      '/2020/05/a b',
      '/2020/05/a.php',
      '/%zz',
      '/a/b/c/d/e/f/g/h/1',
      `/2020/${'a'.repeat(600)}`,
      '/2020//x',
    ]) {
      expect(isRedirectablePath(p), p).toBe(false);
    }
  });
});

describe('redirectKeyOf', () => {
  const key = (url: string) => {
    const u = new URL(url, 'http://x');
    return redirectKeyOf(u.pathname, u.searchParams);
  };
  it('drops one trailing slash, so /slug/ and /slug share a row', () => {
    expect(key('/2020/05/12/council-votes/')).toBe('/2020/05/12/council-votes');
    expect(key('/2020/05/12/council-votes')).toBe('/2020/05/12/council-votes');
    expect(key('/council-votes/')).toBe('/council-votes');
    expect(key('/life-sciences/gene-therapy-next')).toBe('/life-sciences/gene-therapy-next');
  });
  it('upper-cases percent-escapes as browsers send them', () => {
    expect(key('/2020/05/%e4%bd%a0%e5%a5%bd/')).toBe('/2020/05/%E4%BD%A0%E5%A5%BD');
  });
  it('names WordPress query permalinks by their id, nothing else', () => {
    expect(key('/?p=123')).toBe('/?p=123');
    expect(key('/?page_id=45&utm_source=x')).toBe('/?page_id=45');
    expect(key('/index.php?p=7')).toBe('/?p=7');
    for (const url of ['/', '/?q=x', '/?p=abc', '/?p=0', '/?p=1&p=2', '/?p=12345678901234']) expect(key(url), url).toBeNull();
  });
  it('answers null where no Redirect row may be', () => {
    for (const url of ['/dashboard/', '/api/articles/', '/feed.xml', '/media/abc.jpg', '/a/b/c/']) expect(key(url), url).toBeNull();
  });
});

describe('withoutTrailingSlash', () => {
  it('is the path without its trailing slashes, or null', () => {
    expect(withoutTrailingSlash('/climate/')).toBe('/climate');
    expect(withoutTrailingSlash('/a/b//')).toBe('/a/b');
    expect(withoutTrailingSlash('/climate')).toBeNull();
    expect(withoutTrailingSlash('/')).toBeNull();
  });
});
