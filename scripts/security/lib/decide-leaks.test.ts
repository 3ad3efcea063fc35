import { describe, expect, it } from 'vitest';
import { findLeaks } from './decide-leaks';

describe('findLeaks', () => {
  it.each([
    ['stack trace', 'Error: boom\n    at loadArticle (/srv/app/.next/server/chunks/ssr/x.js:1:2)'],
    ['stack trace', '    at node:internal/process/task_queues:95:5'],
    ['Prisma message', 'Invalid `prisma.article.findMany()` invocation'],
    ['Prisma message', 'PrismaClientKnownRequestError: Unique constraint failed'],
    ['Prisma message', 'error code P2002'],
    ['SQL message', 'ERROR: syntax error at or near "OR"'],
    ['SQL message', 'relation "Article" does not exist'],
    ['SQL message', 'SQLSTATE 23505'],
    ['file path', 'ENOENT: no such file, open /work/wt-xss/data/media/x.jpg'],
    ['file path', 'Cannot find module node_modules/next/dist/server'],
  ])('finds a %s', (kind, text) => {
    expect(findLeaks(text)).toContain(kind);
  });

  it('passes ordinary pages, Next asset paths and article text', () => {
    expect(findLeaks('<script src="/_next/static/chunks/0a1b.js"></script><p>Vote at 5pm (updated)</p><a href="/life-sciences/budget-vote">Budget vote</a>')).toEqual([]);
    expect(findLeaks('<h1>Something went wrong</h1><code>2817364519</code>')).toEqual([]);
  });
});
