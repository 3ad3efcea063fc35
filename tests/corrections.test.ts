/**
 * Corrections against a real PostgreSQL: who may add one and to what, and everything one transaction
 * writes (the correction, the article's version and dateModified, a revision, the audit row, the change
 * record); then what readers' queries return: the article page, the feeds' re-entry and /corrections.
 *   npx tsx scripts/with-test-database.ts -- npx vitest run --project integration tests/corrections.test.ts
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { addCorrection } from '@/lib/articles/add-correction';
import { listRevisions } from '@/lib/articles/dashboard-queries';
import { removeCorrection } from '@/lib/articles/remove-correction';
import { restoreRevision } from '@/lib/articles/restore-revision';
import { getCorrectionsPage, getFeedArticles, getPublishedArticle } from '@/lib/articles/queries';
import type { Actor } from '@/lib/auth/actor';
import { CORRECTIONS, MODIFIED } from '@/lib/cache/tags';
import { getDb } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { seedArticle, seedAuthor, seedCorrection, seedSection, seedUser, uniqueSuffix } from '../prisma/seed/factories';

// Every reader query goes straight to the database here; the tags each one marks the page with are recorded.
const { readerQuery } = vi.hoisted(() => ({
  readerQuery: vi.fn(<T>(_key: string, _args: unknown[], _tags: string[], query: () => Promise<T>) => query()),
}));
vi.mock('@/lib/cache/cached', () => ({ readerQuery }));

const db = getDb();
afterAll(() => db.$disconnect());

const HOUR = 60 * 60 * 1000;
const asActor = (u: { id: string; name: string; email: string; role: Actor['role'] }): Actor => ({ id: u.id, name: u.name, email: u.email, role: u.role });

let writer: Actor;
let editor: Actor;
let admin: Actor;
let section: { id: string; slug: string };
let authorId: string;

async function expectAppError(promise: Promise<unknown>, code: AppError['code']) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
  return error as AppError;
}

beforeAll(async () => {
  writer = asActor(await seedUser(db, { role: 'WRITER', name: 'Wendy Writer' }));
  editor = asActor(await seedUser(db, { role: 'EDITOR', name: 'Grace Chen' }));
  admin = asActor(await seedUser(db, { role: 'ADMIN', name: 'Ada Admin' }));
  section = await seedSection(db);
  authorId = (await seedAuthor(db, { name: 'Wendy Writer', slug: `wendy-writer-${uniqueSuffix()}`, userId: writer.id })).id;
});

const published = (hoursAgo = 5) =>
  seedArticle(db, { sectionId: section.id, authorIds: [authorId], createdById: writer.id, status: 'PUBLISHED', publishedAt: new Date(Date.now() - hoursAgo * HOUR) });

describe('addCorrection: who, and to what', () => {
  it('refuses writers, even on their own published article, and writes nothing', async () => {
    const article = await published();
    await expectAppError(addCorrection({ actor: writer, input: { articleId: article.id, kind: 'CORRECTION', text: 'Not mine to add.' } }), 'FORBIDDEN');
    expect(await db.correction.count({ where: { articleId: article.id } })).toBe(0);
    expect(await db.auditEvent.count({ where: { targetId: article.id, action: 'article.correct' } })).toBe(0);
  });

  it('refuses a draft, a scheduled and a trashed article: only what readers see is corrected', async () => {
    const draft = await seedArticle(db, { sectionId: section.id, status: 'DRAFT' });
    const scheduled = await seedArticle(db, { sectionId: section.id, status: 'SCHEDULED', scheduledAt: new Date(Date.now() + HOUR) });
    const trashed = await seedArticle(db, { sectionId: section.id, status: 'PUBLISHED', deletedAt: new Date() });
    for (const a of [draft, scheduled, trashed]) {
      const error = await expectAppError(addCorrection({ actor: editor, input: { articleId: a.id, kind: 'UPDATE', text: 'Too early.' } }), 'INVALID');
      expect(error.message).toMatch(/published/);
      expect(await db.correction.count({ where: { articleId: a.id } })).toBe(0);
    }
  });

  it('refuses empty and over-long text and an unknown kind with field messages, and an unknown article', async () => {
    const article = await published();
    expect((await expectAppError(addCorrection({ actor: editor, input: { articleId: article.id, kind: 'CORRECTION', text: '   ' } }), 'INVALID')).fieldErrors?.text).toBeDefined();
    expect((await expectAppError(addCorrection({ actor: editor, input: { articleId: article.id, kind: 'CORRECTION', text: 'x'.repeat(2001) } }), 'INVALID')).fieldErrors?.text).toBeDefined();
    expect((await expectAppError(addCorrection({ actor: editor, input: { articleId: article.id, kind: 'RETRACTION', text: 'x' } }), 'INVALID')).fieldErrors?.kind).toBeDefined();
    await expectAppError(addCorrection({ actor: editor, input: { articleId: 'no-such-article', kind: 'CORRECTION', text: 'x' } }), 'NOT_FOUND');
  });
});

describe('addCorrection: what one transaction writes', () => {
  it('adds the correction, moves version and dateModified, writes a revision, the audit row and a change that purges the right pages', async () => {
    const article = await published(30);
    const before = await db.article.findUniqueOrThrow({ where: { id: article.id } });
    const started = new Date();
    const { result, change } = await addCorrection({
      actor: editor,
      ip: '203.0.113.9',
      input: { articleId: article.id, kind: 'CORRECTION', text: '  An earlier version of this article said 12 pumps. It was 21; this has been corrected. ' },
    });

    const row = await db.correction.findUniqueOrThrow({ where: { id: result.id } });
    expect(row).toMatchObject({ articleId: article.id, kind: 'CORRECTION', text: 'An earlier version of this article said 12 pumps. It was 21; this has been corrected.', createdById: editor.id });
    expect(row.publishedAt.getTime()).toBeGreaterThanOrEqual(started.getTime());

    const after = await db.article.findUniqueOrThrow({ where: { id: article.id } });
    expect(after.version).toBe(before.version + 1);
    expect(result.version).toBe(after.version);
    expect(after.updatedAt.getTime()).toBe(row.publishedAt.getTime());
    expect(after.publishedAt).toEqual(before.publishedAt);
    expect(after.headline).toBe(before.headline);

    const revision = await db.articleRevision.findUniqueOrThrow({ where: { articleId_version: { articleId: article.id, version: after.version } } });
    expect(revision.editorId).toBe(editor.id);
    const snapshot = revision.snapshot as Record<string, unknown>;
    expect(snapshot.headline).toBe(before.headline);
    expect(snapshot.correction).toMatchObject({ id: row.id, kind: 'CORRECTION', text: row.text });
    const history = await listRevisions({ actor: editor, articleId: article.id });
    expect(history.revisions[0]).toMatchObject({ version: after.version, correction: { kind: 'CORRECTION', text: row.text } });
    expect(history.revisions[1]?.correction).toBeNull();

    const audit = await db.auditEvent.findFirstOrThrow({ where: { targetId: article.id, action: 'article.correct' } });
    expect(audit).toMatchObject({ actorId: editor.id, targetType: 'Article', ip: '203.0.113.9' });
    expect(audit.detail).toMatchObject({ correctionId: row.id, kind: 'CORRECTION', version: after.version });

    const event = await db.changeEvent.findFirstOrThrow({ where: { targetId: article.id, kind: 'article.correct' }, orderBy: { id: 'desc' } });
    expect(event.tags.sort()).toEqual([CORRECTIONS, MODIFIED, `article:${article.id}`].sort());
    expect(change?.content).toMatchObject({ articleIds: [article.id], lists: false, modified: true, corrections: true });
  });

  it('lets an admin add one too, and a restore of the correction’s revision brings back the content, never deletes the correction', async () => {
    const article = await published();
    const { result } = await addCorrection({ actor: admin, input: { articleId: article.id, kind: 'CLARIFICATION', text: 'To be clear: the plant is in Leeds.' } });
    const revision = await db.articleRevision.findUniqueOrThrow({ where: { articleId_version: { articleId: article.id, version: result.version } } });
    const restored = await restoreRevision({ actor: editor, input: { articleId: article.id, revisionId: revision.id, baseVersion: result.version } });
    expect(restored.result.version).toBe(result.version + 1);
    expect(await db.correction.count({ where: { articleId: article.id } })).toBe(1);
  });

  it('conflicts when the article moved on while it was read, and adds nothing', async () => {
    const article = await published();
    const update = db.article.update.bind(db.article);
    // Simulate a save that lands between the read and the conditional write.
    const spy = vi.spyOn(db, '$transaction').mockImplementationOnce(async (fn: unknown) =>
      (db.$transaction as unknown as (f: unknown) => Promise<unknown>).call(db, async (tx: typeof db) => {
        const proxy = new Proxy(tx, {
          get(target, prop) {
            if (prop !== 'article') return Reflect.get(target, prop);
            return new Proxy(target.article, {
              get(articles, name) {
                if (name !== 'updateMany') return Reflect.get(articles, name);
                return async (args: Parameters<typeof target.article.updateMany>[0]) => {
                  await update({ where: { id: article.id }, data: { version: { increment: 1 } } });
                  return target.article.updateMany(args);
                };
              },
            });
          },
        });
        return (fn as (t: typeof db) => Promise<unknown>)(proxy);
      }),
    );
    try {
      await expectAppError(addCorrection({ actor: editor, db, input: { articleId: article.id, kind: 'UPDATE', text: 'Late news.' } }), 'CONFLICT');
    } finally {
      spy.mockRestore();
    }
    expect(await db.correction.count({ where: { articleId: article.id } })).toBe(0);
  });
});

describe('removeCorrection: withdrawing one added by mistake', () => {
  it('withdraws a fresh correction: gone for readers, recorded in the history, audited, purged', async () => {
    const article = await published();
    const added = await addCorrection({ actor: editor, input: { articleId: article.id, kind: 'CORRECTION', text: 'Added to the wrong article.' } });
    await expectAppError(removeCorrection({ actor: writer, input: { correctionId: added.result.id } }), 'FORBIDDEN');
    const { result, change } = await removeCorrection({ actor: editor, input: { correctionId: added.result.id } });
    expect(result.version).toBe(added.result.version + 1);
    expect(await db.correction.count({ where: { articleId: article.id } })).toBe(0);
    const history = await listRevisions({ actor: editor, articleId: article.id });
    expect(history.revisions[0]).toMatchObject({ version: result.version, correction: { text: 'Added to the wrong article.', withdrawn: true } });
    expect(await db.auditEvent.count({ where: { targetId: article.id, action: 'article.correction-withdrawn', actorId: editor.id } })).toBe(1);
    expect(change?.content).toMatchObject({ articleIds: [article.id], modified: true, corrections: true, lists: false });
    await expectAppError(removeCorrection({ actor: editor, input: { correctionId: added.result.id } }), 'NOT_FOUND');
  });

  it('refuses to withdraw one older than 15 minutes: readers have seen it', async () => {
    const article = await published();
    const old = await seedCorrection(db, { articleId: article.id, publishedAt: new Date(Date.now() - 16 * 60_000) });
    const error = await expectAppError(removeCorrection({ actor: editor, input: { correctionId: old.id } }), 'INVALID');
    expect(error.message).toMatch(/15 minutes/);
    expect(await db.correction.count({ where: { id: old.id } })).toBe(1);
  });
});

describe('what readers get', () => {
  it('the article page has its corrections newest first and a moved modification time', async () => {
    const article = await published(50);
    await addCorrection({ actor: editor, input: { articleId: article.id, kind: 'CORRECTION', text: 'First fix.' } });
    await addCorrection({ actor: editor, input: { articleId: article.id, kind: 'UPDATE', text: 'Later news.' } });
    const page = await getPublishedArticle({ section: section.slug, slug: article.slug });
    expect(page?.corrections.map((c) => c.text)).toEqual(['Later news.', 'First fix.']);
    expect(page!.updatedAt.getTime()).toBe(page!.corrections[0]!.publishedAt.getTime());
  });

  it('a corrected older article re-enters its feed as updated, keeping its publication date', async () => {
    const feedSection = await seedSection(db);
    const old = await seedArticle(db, { sectionId: feedSection.id, status: 'PUBLISHED', publishedAt: new Date(Date.now() - 500 * HOUR) });
    for (let i = 0; i < 30; i++) await seedArticle(db, { sectionId: feedSection.id, status: 'PUBLISHED', publishedAt: new Date(Date.now() - (40 + i) * HOUR) });
    const scope = { kind: 'section' as const, slug: feedSection.slug };
    expect((await getFeedArticles(scope)).map((a) => a.id)).not.toContain(old.id);
    await addCorrection({ actor: editor, input: { articleId: old.id, kind: 'CORRECTION', text: 'An earlier version misspelt the mayor’s name.' } });
    const feed = await getFeedArticles(scope);
    expect(feed).toHaveLength(30);
    expect(feed[0]!.id).toBe(old.id);
    expect(feed[0]!.publishedAt).toEqual(old.publishedAt);
    expect(feed[0]!.corrections[0]?.text).toBe('An earlier version misspelt the mayor’s name.');
    expect(readerQuery).toHaveBeenCalledWith('feed', expect.anything(), expect.arrayContaining([MODIFIED]), expect.any(Function));
  });

  it('/corrections lists corrections of published articles only, newest first, with the article', async () => {
    const article = await published();
    const hidden = await published();
    const newest = await seedCorrection(db, { articleId: article.id, kind: 'UPDATE', text: 'Newest of all.', publishedAt: new Date(Date.now() + 1000) });
    await seedCorrection(db, { articleId: hidden.id, text: 'Of an article since unpublished.' });
    await db.article.update({ where: { id: hidden.id }, data: { status: 'ARCHIVED' } });
    await new Promise((r) => setTimeout(r, 1100));
    const page = await getCorrectionsPage({ page: 1 });
    expect(page.items[0]).toMatchObject({ id: newest.id, kind: 'UPDATE', text: 'Newest of all.', article: { id: article.id, headline: article.headline, section: { slug: section.slug } } });
    expect(page.items.map((c) => c.text)).not.toContain('Of an article since unpublished.');
    const times = page.items.map((c) => c.publishedAt.getTime());
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(readerQuery).toHaveBeenCalledWith('corrections', [1], [CORRECTIONS], expect.any(Function));
  });
});
