import { afterAll, describe, expect, it, vi } from 'vitest';
import { getDb } from '@/lib/db';
import { getArticleLastmods } from '@/lib/sitemaps/queries';
import { seedArticle, seedAuthor, seedCampaign, seedSection, seedTag, uniqueSuffix } from '../prisma/seed/factories';

// Reader queries go straight to the database here (no page being rendered).
vi.mock('@/lib/cache/cached', () => ({ readerQuery: <T>(_k: string, _a: unknown[], _t: string[], query: () => Promise<T>) => query() }));

const db = getDb();
afterAll(() => db.$disconnect());

const DAY = 24 * 60 * 60 * 1000;

describe('sitemap lastmod', () => {
  it('dates each listing page by its newest visible article, published or edited, and sections by their subsections too', async () => {
    const parent = await seedSection(db, { name: `Science ${uniqueSuffix()}` });
    const child = await seedSection(db, { name: `Biotech ${uniqueSuffix()}`, parentId: parent.id });
    const author = await seedAuthor(db, { name: `Writer ${uniqueSuffix()}` });
    const campaign = await seedCampaign(db, { name: `Series ${uniqueSuffix()}` });
    const tag = await seedTag(db, `Topic ${uniqueSuffix()}`);
    const base = Date.now() - 30 * DAY;
    const old = await seedArticle(db, { sectionId: parent.id, publishedAt: new Date(base), authorIds: [author.id], tagIds: [tag.id], campaignId: campaign.id });
    // A newer article in the subsection moves the parent section's date…
    await seedArticle(db, { sectionId: child.id, publishedAt: new Date(base + 2 * DAY) });
    // …an edit after publication moves the dates of every page that lists the article…
    await db.article.update({ where: { id: old.id }, data: { updatedAt: new Date(base + 5 * DAY) } });
    // …and nothing readers cannot see moves any date.
    await seedArticle(db, { sectionId: parent.id, status: 'DRAFT', publishedAt: null, authorIds: [author.id], tagIds: [tag.id] });
    await seedArticle(db, { sectionId: child.id, publishedAt: new Date(Date.now() + DAY), status: 'SCHEDULED' });
    await seedArticle(db, { sectionId: parent.id, publishedAt: new Date(base + 9 * DAY), deletedAt: new Date(), authorIds: [author.id] });

    const lastmods = await getArticleLastmods();
    expect(lastmods.sections.get(parent.slug)).toEqual(new Date(base + 5 * DAY));
    expect(lastmods.sections.get(child.slug)).toEqual(new Date(base + 2 * DAY));
    expect(lastmods.authors.get(author.slug)).toEqual(new Date(base + 5 * DAY));
    expect(lastmods.campaigns.get(campaign.slug)).toEqual(new Date(base + 5 * DAY));
    expect(lastmods.tags.get(tag.slug)).toEqual(new Date(base + 5 * DAY));
    expect(lastmods.site!.getTime()).toBeGreaterThanOrEqual(base + 5 * DAY);
    expect(lastmods.articlePages.get(1)!.getTime()).toBeGreaterThanOrEqual(base + 5 * DAY);
  });
});
