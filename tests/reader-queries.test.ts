import { afterAll, describe, expect, it, vi } from 'vitest';
import { getDb } from '@/lib/db';
import { getTagBySlug } from '@/lib/tags/queries';
import { seedTag, uniqueSuffix } from '../prisma/seed/factories';

// Next's data cache needs a running Next server; here every reader query goes straight to the database.
vi.mock('@/lib/cache/cached', () => ({
  cachedQuery: <T>(_key: string, _args: unknown[], _tags: string[], query: () => Promise<T>) => query(),
}));

const db = getDb();
afterAll(() => db.$disconnect());

describe('tag lookups by slug', () => {
  it('finds a tag by its slug', async () => {
    const tag = await seedTag(db, `Heat pumps ${uniqueSuffix()}`);
    expect(await getTagBySlug(tag.slug)).toEqual({ id: tag.id, name: tag.name, slug: tag.slug });
  });

  it.each([
    ['a NUL byte', 'heat\u0000pumps'],
    ['a lone surrogate', 'heat\ud800pumps'],
    ['an undecoded percent-escape', 'heat%ZZpumps'],
    ['capitals and spaces', 'Heat Pumps'],
    ['a path', '../../etc/passwd'],
    ['a double hyphen', 'heat--pumps'],
    ['nothing', ''],
    ['10,000 characters', 'a'.repeat(10_000)],
  ])('answers "not found" for %s without asking the database', async (_what, slug) => {
    const findUnique = vi.spyOn(db.tag, 'findUnique');
    try {
      expect(await getTagBySlug(slug)).toBeNull();
      expect(findUnique).not.toHaveBeenCalled();
    } finally {
      findUnique.mockRestore();
    }
  });
});
