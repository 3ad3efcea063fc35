import { afterAll, describe, expect, it, vi } from 'vitest';
import { getFeedArticles } from '@/lib/articles/queries';
import { getAllAuthors } from '@/lib/authors/queries';
import { MODIFIED, topicTag } from '@/lib/cache/tags';
import { getDb } from '@/lib/db';
import { getAllTags, getTagBySlug } from '@/lib/tags/queries';
import { seedArticle, seedAuthor, seedSection, seedTag, uniqueSuffix } from '../prisma/seed/factories';

// Next's data cache needs a running Next server; here every reader query goes straight to the database,
// and the tags each one marks the page with are recorded.
const { readerQuery } = vi.hoisted(() => ({
  readerQuery: vi.fn(<T>(_key: string, _args: unknown[], _tags: string[], query: () => Promise<T>) => query()),
}));
vi.mock('@/lib/cache/cached', () => ({ readerQuery }));

const db = getDb();
afterAll(() => db.$disconnect());

const HOUR = 60 * 60 * 1000;

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

describe('sitemap of authors and tags', () => {
  it('lists only authors and tags with at least one article readers can see', async () => {
    const section = await seedSection(db);
    const [published, coAuthor, draftsOnly, scheduledOnly, trashedOnly, noByline] = await Promise.all(
      ['published', 'co-author', 'drafts', 'scheduled', 'trashed', 'none'].map((what) => seedAuthor(db, { name: `Author ${what} ${uniqueSuffix()}` })),
    );
    const [publishedTag, draftTag] = await Promise.all([seedTag(db, `Live topic ${uniqueSuffix()}`), seedTag(db, `Draft topic ${uniqueSuffix()}`)]);
    await seedArticle(db, { sectionId: section.id, authorIds: [published!.id, coAuthor!.id], tagIds: [publishedTag.id] });
    await seedArticle(db, { sectionId: section.id, status: 'DRAFT', authorIds: [draftsOnly!.id, coAuthor!.id], tagIds: [draftTag.id] });
    await seedArticle(db, { sectionId: section.id, status: 'IN_REVIEW', authorIds: [draftsOnly!.id], tagIds: [draftTag.id] });
    // Published with a date still in the future: what a scheduled article looks like to readers.
    await seedArticle(db, { sectionId: section.id, publishedAt: new Date(Date.now() + HOUR), authorIds: [scheduledOnly!.id], tagIds: [draftTag.id] });
    await seedArticle(db, { sectionId: section.id, status: 'SCHEDULED', scheduledAt: new Date(Date.now() + HOUR), authorIds: [scheduledOnly!.id] });
    await seedArticle(db, { sectionId: section.id, deletedAt: new Date(), authorIds: [trashedOnly!.id], tagIds: [draftTag.id] });

    const authorSlugs = (await getAllAuthors()).map((a) => a.slug);
    expect(authorSlugs).toContain(published!.slug);
    expect(authorSlugs).toContain(coAuthor!.slug);
    for (const hidden of [draftsOnly!, scheduledOnly!, trashedOnly!, noByline!]) expect(authorSlugs).not.toContain(hidden.slug);

    const tagSlugs = (await getAllTags()).map((t) => t.slug);
    expect(tagSlugs).toContain(publishedTag.slug);
    expect(tagSlugs).not.toContain(draftTag.slug);
  });

  it('drops an author whose only published article goes back to draft', async () => {
    const section = await seedSection(db);
    const author = await seedAuthor(db);
    const article = await seedArticle(db, { sectionId: section.id, authorIds: [author.id] });
    expect((await getAllAuthors()).map((a) => a.slug)).toContain(author.slug);
    await db.article.update({ where: { id: article.id }, data: { status: 'DRAFT', publishedAt: null } });
    expect((await getAllAuthors()).map((a) => a.slug)).not.toContain(author.slug);
  });
});

describe('tag feeds', () => {
  it('list the published articles of a tag, newest first, tagged with the tag and MODIFIED', async () => {
    const section = await seedSection(db);
    const [tag, other] = await Promise.all([seedTag(db, `Feed topic ${uniqueSuffix()}`), seedTag(db, `Other topic ${uniqueSuffix()}`)]);
    const older = await seedArticle(db, { sectionId: section.id, tagIds: [tag.id], publishedAt: new Date(Date.now() - 2 * HOUR) });
    const newer = await seedArticle(db, { sectionId: section.id, tagIds: [tag.id, other.id], publishedAt: new Date(Date.now() - HOUR) });
    await seedArticle(db, { sectionId: section.id, tagIds: [tag.id], status: 'DRAFT' });
    await seedArticle(db, { sectionId: section.id, tagIds: [other.id] });

    readerQuery.mockClear();
    const articles = await getFeedArticles({ kind: 'tag', slug: tag.slug });
    expect(articles.map((a) => a.id)).toEqual([newer.id, older.id]);
    expect(articles[0]).not.toHaveProperty('body');
    expect(readerQuery.mock.calls.map((call) => call[2])).toEqual([[MODIFIED, topicTag(tag.slug)]]);

    const [full] = await getFeedArticles({ kind: 'tag', slug: tag.slug }, { fullText: true });
    expect(full?.body).toMatchObject({ type: 'doc' });
  });
});
