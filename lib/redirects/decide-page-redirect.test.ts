import { describe, expect, it } from 'vitest';
import { decidePageRedirect } from '@/lib/redirects/decide-page-redirect';

const at = (url: string) => {
  const u = new URL(url, 'http://x');
  return decidePageRedirect(u.pathname, u.searchParams);
};

describe('decidePageRedirect', () => {
  it('moves ?page=N of every list to its path form, keeping other parameters', () => {
    expect(at('/?page=2')).toBe('/page/2');
    expect(at('/climate?page=3')).toBe('/climate/page/3');
    expect(at('/authors/neelam-patel?page=4&utm_source=x')).toBe('/authors/neelam-patel/page/4?utm_source=x');
    expect(at('/tags/ai?page=5')).toBe('/tags/ai/page/5');
  });
  it('moves page 1, in either form, to the list itself', () => {
    expect(at('/climate?page=1')).toBe('/climate');
    expect(at('/climate/page/1')).toBe('/climate');
    expect(at('/page/1')).toBe('/');
  });
  it('leaves alone what is not a list page or not a page number', () => {
    for (const url of ['/climate', '/climate/page/2', '/search?q=x&page=2', '/climate/an-article?page=2', '/campaigns/c?page=2', '/climate?page=abc', '/climate?page=02', '/climate?page=2&page=3', '/dashboard/users?page=2']) {
      expect(at(url), url).toBeNull();
    }
  });
});
