import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bodyDocumentSchema } from '@/lib/articles/body-schema';
import { publishedWhere } from '@/lib/articles/published';
import { createPrismaClient, type Db } from '@/lib/db';
import { createFileStorage } from '@/lib/media/storage';
import { isDatabaseEmpty, seedDemo, wipeDatabase } from '../prisma/seed/demo';

let db: Db;
let mediaDir: string;

beforeAll(async () => {
  db = createPrismaClient(process.env.DATABASE_URL!, 4);
  mediaDir = await mkdtemp(path.join(os.tmpdir(), 'masthead-media-'));
  await wipeDatabase(db);
  expect(await isDatabaseEmpty(db)).toBe(true);
  await seedDemo(db, createFileStorage(mediaDir));
});

afterAll(async () => {
  await wipeDatabase(db);
  await db.$disconnect();
  await rm(mediaDir, { recursive: true, force: true });
});

describe('the demo publication', () => {
  it('has the sections, campaigns, authors and accounts the README promises', async () => {
    expect(await db.section.count()).toBeGreaterThanOrEqual(6);
    expect(await db.section.count({ where: { parentId: { not: null } } })).toBeGreaterThanOrEqual(1);
    const campaigns = await db.campaign.findMany();
    expect(campaigns.length).toBeGreaterThanOrEqual(3);
    expect(campaigns.some((c) => c.partnerName && c.disclosureLabel)).toBe(true);
    const authors = await db.author.findMany();
    expect(authors.length).toBeGreaterThanOrEqual(12);
    expect(authors.every((a) => a.jobTitle && a.organisation)).toBe(true);
    expect((await db.user.findMany({ select: { role: true } })).map((u) => u.role).sort()).toEqual(['ADMIN', 'EDITOR', 'WRITER']);
    expect(await isDatabaseEmpty(db)).toBe(false);
  });

  it('has 60 readable published articles with rich bodies and credited hero images', async () => {
    const published = await db.article.findMany({ where: publishedWhere(), include: { heroImage: true, authors: true } });
    expect(published).toHaveLength(60);
    for (const article of published) {
      const body = bodyDocumentSchema.parse(article.body);
      const types = new Set(body.content.map((n) => n.type));
      expect(['heading', 'bulletList', 'orderedList', 'blockquote'].every((t) => types.has(t as never))).toBe(true);
      expect(article.heroImage?.alt).toBeTruthy();
      expect(article.heroImage?.caption).toBeTruthy();
      expect(article.heroImage?.credit).toBeTruthy();
      expect(article.authors.length).toBeGreaterThan(0);
      expect(article.bodyText.length).toBeGreaterThan(200);
    }
    expect(published.filter((a) => a.sponsored).length).toBeGreaterThan(0);
  });

  it('has drafts, articles in review, scheduled and archived ones that readers cannot see', async () => {
    for (const status of ['DRAFT', 'IN_REVIEW', 'SCHEDULED', 'ARCHIVED'] as const) {
      expect(await db.article.count({ where: { status } })).toBeGreaterThan(0);
    }
    const scheduled = await db.article.findMany({ where: { status: 'SCHEDULED' } });
    expect(scheduled.every((a) => a.scheduledAt && a.scheduledAt > new Date())).toBe(true);
    const hidden = await db.article.findMany({ where: { status: { not: 'PUBLISHED' } }, select: { id: true } });
    const visible = await db.article.findMany({ where: { ...publishedWhere(), id: { in: hidden.map((a) => a.id) } } });
    expect(hidden.length).toBeGreaterThan(0);
    expect(visible).toEqual([]);
  });

  it('keeps the full-text vector up to date in the database', async () => {
    const [row] = await db.$queryRaw<{ count: bigint }[]>`
      SELECT count(*) FROM "Article" WHERE "searchVector" @@ websearch_to_tsquery('english', 'antibody manufacturing')`;
    expect(Number(row?.count)).toBeGreaterThan(0);
    const article = await db.article.findFirstOrThrow({ where: { status: 'DRAFT' } });
    await db.article.update({ where: { id: article.id }, data: { bodyText: 'zyxwvutsonlyword appears here' } });
    const hits = await db.$queryRaw<{ id: string }[]>`
      SELECT id FROM "Article" WHERE "searchVector" @@ websearch_to_tsquery('english', 'zyxwvutsonlyword')`;
    expect(hits.map((h) => h.id)).toEqual([article.id]);
  });

  it('ships the standing pages, one per role, with the methodology note the articles link to', async () => {
    const pages = await db.page.findMany({ orderBy: { position: 'asc' } });
    expect(pages.map((p) => p.slug)).toEqual(['about', 'contact', 'ethics', 'masthead', 'methodology']);
    expect(pages.filter((p) => p.role).map((p) => p.role).sort()).toEqual(['ABOUT', 'CONTACT', 'ETHICS', 'MASTHEAD']);
    for (const page of pages) expect(bodyDocumentSchema.parse(page.body).content.length).toBeGreaterThan(0);
    const linked = await db.article.count({ where: { ...publishedWhere(), bodyText: { contains: 'methodology note' } } });
    expect(linked).toBeGreaterThan(0);
  });

  it('stores every picture in the media store', async () => {
    const storage = createFileStorage(mediaDir);
    const images = await db.image.findMany({ select: { storageKey: true } });
    expect(images.length).toBeGreaterThan(0);
    for (const image of images) expect(await storage.exists(image.storageKey)).toBe(true);
  });
});
