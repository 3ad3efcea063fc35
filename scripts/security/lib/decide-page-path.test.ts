import { describe, expect, it } from 'vitest';
import { pagePath } from './decide-page-path';

describe('pagePath', () => {
  it('drops route groups and the page suffix, and fills dynamic segments', () => {
    expect(pagePath('app/(dashboard)/dashboard/articles/[id]/page', { id: 'abc' })).toBe('/dashboard/articles/abc');
    expect(pagePath('app/(dashboard)/dashboard/users/page')).toBe('/dashboard/users');
    expect(pagePath('app/(auth)/login/page')).toBe('/login');
  });

  it('escapes parameter values and fills a missing one with a placeholder', () => {
    expect(pagePath('app/(dashboard)/dashboard/articles/[id]/history/page', { id: 'a/b' })).toBe('/dashboard/articles/a%2Fb/history');
    expect(pagePath('app/(site)/[section]/[slug]/page', { section: 'news' })).toBe('/news/x');
    expect(pagePath('app/docs/[...path]/page', { path: 'a' })).toBe('/docs/a');
  });
});
