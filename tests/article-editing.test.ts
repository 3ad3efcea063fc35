/**
 * The editorial data layer against a real PostgreSQL: permissions in the query, optimistic
 * concurrency, revisions, workflow, redirects and the scheduler's atomic publish.
 *   npm run test:integration -- tests/article-editing.test.ts
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/lib/db';
import type { Actor } from '@/lib/auth/actor';
import { AppError } from '@/lib/errors';
import { copyArticleAsDraft } from '@/lib/articles/copy-article';
import { createArticle } from '@/lib/articles/create-article';
import { publishDueArticles } from '@/lib/articles/publish-due-articles';
import { restoreRevision } from '@/lib/articles/restore-revision';
import { saveArticle } from '@/lib/articles/save-article';
import { transitionArticle } from '@/lib/articles/transition-article';
import { editorContentOf, getArticleForEditOrThrow, listArticlesForDashboard, listRevisions } from '@/lib/articles/dashboard-queries';
import type { ArticleContentInput } from '@/lib/articles/schemas';
import { seedArticle as seedArticle, seedAuthor, seedSection, seedUser, uniqueSuffix } from '../prisma/seed/factories';
import { seedImage } from '../prisma/seed/factories';
import { createFileStorage } from '@/lib/media/storage';

const db = getDb();
let writer: Actor;
let otherWriter: Actor;
let editor: Actor;
let sectionId: string;
let sectionSlug: string;
let authorId: string;
let imageId: string;

const asActor = (u: { id: string; name: string; email: string; role: Actor['role'] }): Actor => ({ id: u.id, name: u.name, email: u.email, role: u.role });

function para(text: string) {
  return { type: 'doc' as const, content: [{ type: 'paragraph' as const, content: [{ type: 'text' as const, text }] }] };
}

async function contentOf(articleId: string, overrides: Partial<ArticleContentInput> = {}): Promise<ArticleContentInput> {
  return { ...editorContentOf(await getArticleForEditOrThrow({ actor: editor, articleId })), ...overrides };
}

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
  otherWriter = asActor(await seedUser(db, { role: 'WRITER', name: 'Otto Other' }));
  editor = asActor(await seedUser(db, { role: 'EDITOR', name: 'Grace Chen' }));
  const section = await seedSection(db);
  sectionId = section.id;
  sectionSlug = section.slug;
  authorId = (await seedAuthor(db, { name: 'Wendy Writer', slug: `wendy-writer-${uniqueSuffix()}`, userId: writer.id })).id;
  imageId = (await seedImage(db, createFileStorage(process.env.MEDIA_DIR ?? '/tmp/masthead-test-media'), { alt: '' })).id;
});

afterAll(async () => {
  await db.$disconnect();
});

describe('permissions', () => {
  it('writers see their own articles and not other writers’; nobody sees anything without an actor', async () => {
    const mine = (await createArticle({ actor: writer, input: { headline: 'Mine only', sectionId } })).result;
    const theirs = (await createArticle({ actor: otherWriter, input: { headline: 'Theirs only', sectionId } })).result;
    const listed = await listArticlesForDashboard({ actor: writer, params: {} });
    expect(listed.items.map((i) => i.id)).toContain(mine.id);
    expect(listed.items.map((i) => i.id)).not.toContain(theirs.id);
    await expectAppError(getArticleForEditOrThrow({ actor: writer, articleId: theirs.id }), 'NOT_FOUND');
    await expectAppError(saveArticle({ actor: writer, input: { articleId: theirs.id, baseVersion: 1, content: await contentOf(theirs.id) } }), 'NOT_FOUND');
    const editorList = await listArticlesForDashboard({ actor: editor, params: { q: 'only' } });
    expect(editorList.items.map((i) => i.id)).toEqual(expect.arrayContaining([mine.id, theirs.id]));
  });

  it("a writer changes the alt text of their own upload through their article, but not of someone else's library image", async () => {
    const storage = createFileStorage(process.env.MEDIA_DIR ?? '/tmp/masthead-test-media');
    const own = await seedImage(db, storage, { alt: 'before', uploadedById: writer.id });
    const library = await seedImage(db, storage, { alt: 'Library alt', credit: 'Agency' });
    const a = (await createArticle({ actor: writer, input: { headline: 'Hero text rules', sectionId } })).result;
    const saved = (await saveArticle({ actor: writer, input: { articleId: a.id, baseVersion: 1, content: await contentOf(a.id, { heroImageId: own.id, heroAlt: 'after' }) } })).result;
    expect((await db.image.findUniqueOrThrow({ where: { id: own.id } })).alt).toBe('after');
    // Picking a library image as it is works; rewriting its credit does not, and changes nothing.
    const picked = (await saveArticle({ actor: writer, input: { articleId: a.id, baseVersion: saved.version, content: await contentOf(a.id, { heroImageId: library.id, heroAlt: 'Library alt', heroCredit: 'Agency' }) } })).result;
    const err = await expectAppError(
      saveArticle({ actor: writer, input: { articleId: a.id, baseVersion: picked.version, content: await contentOf(a.id, { heroCredit: 'Me' }) } }),
      'INVALID',
    );
    expect(err.fieldErrors?.heroCredit?.[0]).toMatch(/uploaded by someone else/);
    expect(await db.image.findUniqueOrThrow({ where: { id: library.id } })).toMatchObject({ credit: 'Agency', version: library.version });
    await saveArticle({ actor: editor, input: { articleId: a.id, baseVersion: picked.version, content: await contentOf(a.id, { heroCredit: 'Agency / Photographer' }) } });
    expect((await db.image.findUniqueOrThrow({ where: { id: library.id } })).credit).toBe('Agency / Photographer');
  });

  it('a writer is linked as author, edits the draft, submits, and then can no longer edit or publish', async () => {
    const a = (await createArticle({ actor: writer, input: { headline: 'Writer flow', sectionId } })).result;
    const saved = (await saveArticle({ actor: writer, input: { articleId: a.id, baseVersion: 1, content: await contentOf(a.id, { standfirst: 'Why it matters' }) } })).result;
    expect(saved.version).toBe(2);
    expect((await getArticleForEditOrThrow({ actor: editor, articleId: a.id })).bylineText).toBe('Wendy Writer');
    await expectAppError(transitionArticle({ actor: writer, input: { articleId: a.id, action: 'publish' } }), 'FORBIDDEN');
    await transitionArticle({ actor: writer, input: { articleId: a.id, action: 'submit' } });
    await expectAppError(saveArticle({ actor: writer, input: { articleId: a.id, baseVersion: 2, content: await contentOf(a.id) } }), 'FORBIDDEN');
  });
});

describe('optimistic concurrency', () => {
  it('20 parallel saves of the same version: exactly one wins, the rest conflict naming who saved, no silent overwrite', async () => {
    const a = (await createArticle({ actor: editor, input: { headline: 'Contended', sectionId } })).result;
    const base = await contentOf(a.id);
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) => saveArticle({ actor: editor, input: { articleId: a.id, baseVersion: 1, content: { ...base, body: para(`Text from save ${i}`) } } })),
    );
    const ok = results.filter((r) => r.status === 'fulfilled');
    const failed = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(ok).toHaveLength(1);
    expect(failed).toHaveLength(19);
    for (const f of failed) {
      expect(f.reason).toBeInstanceOf(AppError);
      expect((f.reason as AppError).code).toBe('CONFLICT');
      expect((f.reason as AppError).message).toContain('Grace Chen');
    }
    const winner = ok[0] as PromiseFulfilledResult<{ result: { version: number } }>;
    expect(winner.value.result.version).toBe(2);
    // One change record for the one save that committed; none for the nineteen that rolled back.
    expect(await db.changeEvent.count({ where: { targetId: a.id, kind: 'article.save' } })).toBe(1);
    const { revisions } = await listRevisions({ actor: editor, articleId: a.id });
    expect(revisions.map((r) => r.version)).toEqual([2, 1]);
    const stored = await db.article.findUniqueOrThrow({ where: { id: a.id } });
    const rev2 = await db.articleRevision.findUniqueOrThrow({ where: { articleId_version: { articleId: a.id, version: 2 } } });
    // What is stored is exactly what the acknowledged save sent, and its revision holds the same.
    expect(stored.bodyText).toMatch(/^Text from save \d+$/);
    expect(JSON.stringify((rev2.snapshot as { body: unknown }).body)).toContain(stored.bodyText);
  });

  it('20 editors × 50 rounds of parallel saves of the same version: one winner a round, every acknowledged save kept', async () => {
    const EDITORS = 20;
    const ROUNDS = 50;
    const editors = await Promise.all(Array.from({ length: EDITORS }, (_, i) => seedUser(db, { role: 'EDITOR', name: `Editor ${i}` }).then(asActor)));
    const a = (await createArticle({ actor: editor, input: { headline: 'Contended for fifty rounds', sectionId } })).result;
    const base = await contentOf(a.id);
    const winners: { version: number; text: string }[] = [];
    let conflicts = 0;
    let overwrites = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const baseVersion = round + 1;
      const results = await Promise.allSettled(
        editors.map((actor, i) => saveArticle({ actor, input: { articleId: a.id, baseVersion, content: { ...base, body: para(`Round ${round} editor ${i}`) } } }).then((r) => ({ ...r.result, text: `Round ${round} editor ${i}` }))),
      );
      const won = results.filter((r) => r.status === 'fulfilled');
      overwrites += Math.max(0, won.length - 1);
      expect(won, `round ${round}`).toHaveLength(1);
      for (const r of results) {
        if (r.status === 'rejected') {
          expect((r.reason as AppError).code).toBe('CONFLICT');
          conflicts += 1;
        }
      }
      const winner = (won[0] as PromiseFulfilledResult<{ version: number; text: string }>).value;
      expect(winner.version).toBe(baseVersion + 1);
      winners.push({ version: winner.version, text: winner.text });
    }
    // Every acknowledged save is in the history with exactly the text it sent; nothing else got in.
    const revisions = await db.articleRevision.findMany({ where: { articleId: a.id }, orderBy: { version: 'asc' } });
    expect(revisions.map((r) => r.version)).toEqual(Array.from({ length: ROUNDS + 1 }, (_, i) => i + 1));
    let lost = 0;
    for (const w of winners) {
      const revision = revisions.find((r) => r.version === w.version);
      if (!revision || !JSON.stringify((revision.snapshot as { body: unknown }).body).includes(`"${w.text}"`)) lost += 1;
    }
    const stored = await db.article.findUniqueOrThrow({ where: { id: a.id } });
    expect(stored.version).toBe(ROUNDS + 1);
    expect(stored.bodyText).toBe(winners.at(-1)!.text);
    expect(lost).toBe(0);
    expect(conflicts).toBe(ROUNDS * (EDITORS - 1));
    // Read by `npm run test:security` (scripts/security/run.ts).
    console.log(
      `[figure] concurrency: ${EDITORS} editors × ${ROUNDS} rounds of parallel saves, ${winners.length} acknowledged (1 a round), ${conflicts} refused as conflicts, ${lost} lost, ${overwrites} silent overwrites`,
    );
  }, 300_000);

  it('every acknowledged save of sequential edits is in the revision history', async () => {
    const a = (await createArticle({ actor: editor, input: { headline: 'Sequential', sectionId } })).result;
    let version = 1;
    for (let i = 0; i < 5; i++) {
      version = ((await saveArticle({ actor: editor, input: { articleId: a.id, baseVersion: version, content: await contentOf(a.id, { body: para(`Edit ${i}`) }) } })).result).version;
    }
    const { revisions } = await listRevisions({ actor: editor, articleId: a.id });
    expect(revisions.map((r) => r.version)).toEqual([6, 5, 4, 3, 2, 1]);
  });

  it('restore writes a new version; a stale restore conflicts; a conflicted text can be kept as a copy', async () => {
    const a = (await createArticle({ actor: editor, input: { headline: 'Restorable', sectionId } })).result;
    await saveArticle({ actor: editor, input: { articleId: a.id, baseVersion: 1, content: await contentOf(a.id, { body: para('First words') }) } });
    await saveArticle({ actor: editor, input: { articleId: a.id, baseVersion: 2, content: await contentOf(a.id, { body: para('Second words') }) } });
    const { revisions } = await listRevisions({ actor: editor, articleId: a.id });
    const v2 = revisions.find((r) => r.version === 2)!;
    await expectAppError(restoreRevision({ actor: editor, input: { articleId: a.id, revisionId: v2.id, baseVersion: 2 } }), 'CONFLICT');
    const restored = (await restoreRevision({ actor: editor, input: { articleId: a.id, revisionId: v2.id, baseVersion: 3 } })).result;
    expect(restored.version).toBe(4);
    expect((await db.article.findUniqueOrThrow({ where: { id: a.id } })).bodyText).toBe('First words');
    const copy = (await copyArticleAsDraft({ actor: editor, input: { content: await contentOf(a.id, { body: para('My lost words') }) } })).result;
    const copied = await db.article.findUniqueOrThrow({ where: { id: copy.id } });
    expect(copied.bodyText).toBe('My lost words');
    expect(copied.slug).toBe('restorable-copy');
    expect(copied.status).toBe('DRAFT');
  });
});

describe('copies', () => {
  it('ten simultaneous "keep as a copy" of the same text all land, each under its own slug (a lost slug race is retried, never a raw database error)', async () => {
    const a = (await createArticle({ actor: editor, input: { headline: 'Copied at once', sectionId } })).result;
    const content = await contentOf(a.id, { body: para('Kept words') });
    const results = await Promise.allSettled(Array.from({ length: 10 }, () => copyArticleAsDraft({ actor: editor, input: { content } })));
    const failures = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected').map((r) => r.reason as unknown);
    for (const reason of failures) expect(reason).toBeInstanceOf(AppError);
    const slugs = (await db.article.findMany({ where: { sectionId, slug: { startsWith: 'copied-at-once-copy' } }, select: { slug: true } })).map((r) => r.slug);
    expect(new Set(slugs).size).toBe(slugs.length);
    expect(slugs.length).toBe(10 - failures.length);
    expect(slugs.length).toBeGreaterThanOrEqual(8);
  });
});

describe('validation', () => {
  it('refuses a slug already used in the section with a clear field message, and unsafe canonical URLs', async () => {
    const one = (await createArticle({ actor: editor, input: { headline: 'Slug one', sectionId } })).result;
    await createArticle({ actor: editor, input: { headline: 'Slug two', sectionId } });
    const err = await expectAppError(saveArticle({ actor: editor, input: { articleId: one.id, baseVersion: 1, content: await contentOf(one.id, { slug: 'slug-two' }) } }), 'INVALID');
    expect(err.fieldErrors?.slug?.[0]).toContain('already uses this slug');
    const bad = await expectAppError(
      saveArticle({ actor: editor, input: { articleId: one.id, baseVersion: 1, content: await contentOf(one.id, { canonicalUrl: 'javascript:alert(1)' }) } }),
      'INVALID',
    );
    expect(bad.fieldErrors?.canonicalUrl?.[0]).toContain('http');
    const badBody = await expectAppError(
      saveArticle({ actor: editor, input: { articleId: one.id, baseVersion: 1, content: await contentOf(one.id, { body: { type: 'doc', content: [{ type: 'script' }] } as never }) } }),
      'INVALID',
    );
    expect(Object.keys(badBody.fieldErrors ?? {})).toContain('body');
    expect((await db.article.findUniqueOrThrow({ where: { id: one.id } })).version).toBe(1);
  });
});

describe('workflow', () => {
  it('the checklist blocks publishing until section, author, standfirst and hero alt text are present', async () => {
    const a = (await createArticle({ actor: editor, input: { headline: 'Checklist', sectionId } })).result;
    const err = await expectAppError(transitionArticle({ actor: editor, input: { articleId: a.id, action: 'publish' } }), 'INVALID');
    expect(Object.keys(err.fieldErrors ?? {}).sort()).toEqual(['authorIds', 'heroImage', 'standfirst']);
    await saveArticle({ actor: editor, input: { articleId: a.id, baseVersion: 1, content: await contentOf(a.id, { authorIds: [authorId], standfirst: 'S', heroImageId: imageId, heroAlt: '' }) } });
    const err2 = await expectAppError(transitionArticle({ actor: editor, input: { articleId: a.id, action: 'publish' } }), 'INVALID');
    expect(err2.fieldErrors?.heroImage?.[0]).toContain('alt text');
    await saveArticle({ actor: editor, input: { articleId: a.id, baseVersion: 2, content: await contentOf(a.id, { heroAlt: 'A harbour at dawn' }) } });
    const done = await transitionArticle({ actor: editor, input: { articleId: a.id, action: 'publish' } });
    expect(done.result.status).toBe('PUBLISHED');
    expect(done.change?.content).toMatchObject({ articleIds: [a.id], lists: true });
    // The change record was written in the publish's transaction, with the cache tags to purge.
    const record = await db.changeEvent.findFirstOrThrow({ where: { targetId: a.id, kind: 'article.publish' } });
    expect(record).toMatchObject({ actorId: editor.id, targetType: 'Article' });
    expect(record.tags).toEqual(expect.arrayContaining(['content', `article:${a.id}`]));
    const audit = await db.auditEvent.findFirst({ where: { targetId: a.id, action: 'article.publish' } });
    expect(audit?.actorId).toBe(editor.id);
  });

  it('a fix to a published article’s body purges its page, feeds and sitemaps, not the lists; a headline change purges the lists', async () => {
    const a = (await createArticle({ actor: editor, input: { headline: 'Body fix', sectionId } })).result;
    await saveArticle({ actor: editor, input: { articleId: a.id, baseVersion: 1, content: await contentOf(a.id, { authorIds: [authorId], standfirst: 'S', heroImageId: imageId, heroAlt: 'A harbour' }) } });
    await transitionArticle({ actor: editor, input: { articleId: a.id, action: 'publish' } });
    const version = (await db.article.findUniqueOrThrow({ where: { id: a.id } })).version;
    const body = { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'A typo, fixed.' }] }] };
    const fix = await saveArticle({ actor: editor, input: { articleId: a.id, baseVersion: version, content: await contentOf(a.id, { body } as never) } });
    expect(fix.change?.content).toEqual({ articleIds: [a.id], sectionSlugs: [], authorSlugs: [], campaignSlugs: [], tagSlugs: [], pageSlugs: [], lists: false, modified: true, corrections: false, newsletters: false });
    const record = await db.changeEvent.findFirstOrThrow({ where: { targetId: a.id, kind: 'article.save' }, orderBy: { id: 'desc' } });
    expect(record.tags.sort()).toEqual([`article:${a.id}`, 'modified']);
    const retitled = await saveArticle({ actor: editor, input: { articleId: a.id, baseVersion: version + 1, content: await contentOf(a.id, { headline: 'Body fix, retitled' }) } });
    expect(retitled.change?.content).toMatchObject({ articleIds: [a.id], lists: true });
  });

  it('changing the slug of a published article adds a 301 and keeps redirects flat', async () => {
    const a = await seedArticle(db, { headline: 'Moving story', sectionId, authorIds: [authorId], heroImageId: imageId });
    const v1 = (await saveArticle({ actor: editor, input: { articleId: a.id, baseVersion: 1, content: await contentOf(a.id, { slug: 'moved-story' }) } })).result;
    await saveArticle({ actor: editor, input: { articleId: a.id, baseVersion: v1.version, content: await contentOf(a.id, { slug: 'moved-again' }) } });
    const redirects = await db.redirect.findMany({ where: { toPath: `/${sectionSlug}/moved-again` }, orderBy: { fromPath: 'asc' } });
    expect(redirects.map((r) => r.fromPath)).toEqual([`/${sectionSlug}/moved-story`, `/${sectionSlug}/moving-story`]);
  });

  it('trash and restore are for editors; a trashed article cannot be edited', async () => {
    const a = (await createArticle({ actor: writer, input: { headline: 'Binned', sectionId } })).result;
    await expectAppError(transitionArticle({ actor: writer, input: { articleId: a.id, action: 'trash' } }), 'FORBIDDEN');
    await transitionArticle({ actor: editor, input: { articleId: a.id, action: 'trash' } });
    await expectAppError(saveArticle({ actor: editor, input: { articleId: a.id, baseVersion: 1, content: await contentOf(a.id) } }), 'FORBIDDEN');
    expect((await listArticlesForDashboard({ actor: editor, params: { status: 'TRASH', q: 'Binned' } })).items).toHaveLength(1);
    await transitionArticle({ actor: editor, input: { articleId: a.id, action: 'restore' } });
    expect((await db.article.findUniqueOrThrow({ where: { id: a.id } })).deletedAt).toBeNull();
  });

  it('the scheduler publishes each due article exactly once, even when run concurrently', async () => {
    const due = await seedArticle(db, { headline: 'Due now', sectionId, status: 'SCHEDULED', scheduledAt: new Date(Date.now() - 1000), publishedAt: null });
    const later = await seedArticle(db, { headline: 'Due later', sectionId, status: 'SCHEDULED', scheduledAt: new Date(Date.now() + 3_600_000), publishedAt: null });
    const runs = await Promise.all(Array.from({ length: 5 }, () => publishDueArticles({ db })));
    const publishedIds = runs.flatMap((r) => r.result.map((p) => p.id)).filter((id) => id === due.id || id === later.id);
    expect(publishedIds).toEqual([due.id]);
    const row = await db.article.findUniqueOrThrow({ where: { id: due.id } });
    expect(row.status).toBe('PUBLISHED');
    expect(row.publishedAt?.getTime()).toBeLessThanOrEqual(Date.now());
    expect((await db.article.findUniqueOrThrow({ where: { id: later.id } })).status).toBe('SCHEDULED');
  });
});

describe('list pagination', () => {
  it('keyset pages cover every article exactly once', async () => {
    for (let i = 0; i < 30; i++) await createArticle({ actor: otherWriter, input: { headline: `Paged ${i}`, sectionId } });
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await listArticlesForDashboard({ actor: otherWriter, params: { q: 'Paged', cursor } });
      seen.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toHaveLength(30);
    expect(new Set(seen).size).toBe(30);
  });
});
