import { describe, expect, it } from 'vitest';
import { decideMoveRedirects, rewritePrefix, type RedirectRow } from '@/lib/redirects/decide-move-redirects';

/** The table after applying a plan to `before`. */
function apply(before: RedirectRow[], plan: ReturnType<typeof decideMoveRedirects>): Record<string, string> {
  const rows = new Map(before.map((r) => [r.fromPath, r.toPath]));
  for (const from of plan.deleteFromPaths) rows.delete(from);
  for (const row of plan.insert) {
    expect(rows.has(row.fromPath), `duplicate ${row.fromPath}`).toBe(false);
    rows.set(row.fromPath, row.toPath);
  }
  return Object.fromEntries([...rows].sort());
}

describe('rewritePrefix', () => {
  it('replaces whole segments only', () => {
    expect(rewritePrefix('/old', '/old', '/new')).toBe('/new');
    expect(rewritePrefix('/old/a', '/old', '/new')).toBe('/new/a');
    expect(rewritePrefix('/older/a', '/old', '/new')).toBe('/older/a');
    expect(rewritePrefix('/campaigns/old', '/campaigns/old', '/campaigns/new')).toBe('/campaigns/new');
  });
});

describe('decideMoveRedirects', () => {
  it('redirects the front and every child', () => {
    const plan = decideMoveRedirects({ fromPrefix: '/old', toPrefix: '/new', childSlugs: ['a', 'b', 'a'], existing: [] });
    expect(apply([], plan)).toEqual({ '/old': '/new', '/old/a': '/new/a', '/old/b': '/new/b' });
  });

  it('points earlier redirects at the new place instead of chaining', () => {
    const before = [
      { fromPath: '/older', toPath: '/old' },
      { fromPath: '/older/a', toPath: '/old/a' },
      { fromPath: '/old/renamed-article', toPath: '/old/a' },
      { fromPath: '/elsewhere/x', toPath: '/other/x' },
    ];
    const plan = decideMoveRedirects({ fromPrefix: '/old', toPrefix: '/new', childSlugs: ['a'], existing: before });
    expect(apply(before, plan)).toEqual({
      '/elsewhere/x': '/other/x',
      '/old': '/new',
      '/old/a': '/new/a',
      '/old/renamed-article': '/new/a',
      '/older': '/new',
      '/older/a': '/new/a',
    });
  });

  it('renaming back drops the redirects that would loop or shadow the live pages', () => {
    const first = decideMoveRedirects({ fromPrefix: '/a', toPrefix: '/b', childSlugs: ['x'], existing: [] });
    const afterFirst = apply([], first);
    const existing = Object.entries(afterFirst).map(([fromPath, toPath]) => ({ fromPath, toPath }));
    const back = decideMoveRedirects({ fromPrefix: '/b', toPrefix: '/a', childSlugs: ['x'], existing });
    expect(apply(existing, back)).toEqual({ '/b': '/a', '/b/x': '/a/x' });
  });

  it('drops a redirect from a path that the move makes live again', () => {
    const before = [{ fromPath: '/new/a', toPath: '/gone/a' }, { fromPath: '/new/z', toPath: '/gone/z' }];
    const plan = decideMoveRedirects({ fromPrefix: '/old', toPrefix: '/new', childSlugs: ['a'], existing: before });
    expect(apply(before, plan)).toEqual({ '/new/z': '/gone/z', '/old': '/new', '/old/a': '/new/a' });
  });

  it('does nothing when nothing moves', () => {
    expect(decideMoveRedirects({ fromPrefix: '/a', toPrefix: '/a', childSlugs: ['x'], existing: [{ fromPath: '/q', toPath: '/a' }] })).toEqual({ deleteFromPaths: [], insert: [] });
  });
});
