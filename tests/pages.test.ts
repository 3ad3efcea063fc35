/**
 * Standing pages (lib/pages) against a real PostgreSQL: editors and admins create, edit and delete
 * them, writers cannot; slugs and roles are unique with messages beside the field; saves are
 * version-checked; every change writes its audit row and change record in the same transaction, with
 * the cache tags readers' pages need purged (every page when the footer changes, the page alone for
 * a body edit).
 *   npx tsx scripts/with-test-database.ts -- npx vitest run --project integration tests/pages.test.ts
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@/lib/auth/actor';
import { getMastheadAuthors } from '@/lib/authors/queries';
import type { Role } from '@/lib/generated/prisma/enums';
import { findImageUsage, isInUse } from '@/lib/media/queries';
import { createPage } from '@/lib/pages/create-page';
import { deletePage } from '@/lib/pages/delete-page';
import { getPageBySlug, getStandingPageLinks } from '@/lib/pages/queries';
import { updatePage } from '@/lib/pages/update-page';
import { sampleBody, seedAuthor, seedPage, seedUser, uniqueSuffix } from '../prisma/seed/factories';
import { testDb } from './support/db';

const db = testDb(4);
afterAll(() => db.$disconnect());
// Roles are unique across pages: start from none, whatever an earlier test file left.
beforeAll(() => db.page.deleteMany({}));

async function actorOf(role: Role): Promise<Actor> {
  const u = await seedUser(db, { role });
  return { id: u.id, name: u.name, email: u.email, role: u.role };
}

const slug = (prefix: string) => `${prefix}-${uniqueSuffix()}`;
const lastChange = (targetId: string) => db.changeEvent.findFirstOrThrow({ where: { targetId }, orderBy: { id: 'desc' } });
const input = (overrides: Record<string, unknown> = {}) => ({ title: 'How we work', standfirst: 'Our methods.', body: JSON.stringify(sampleBody('method')), ...overrides });

describe('createPage', () => {
  it('creates a page for an editor, audited, with a change record that purges every page (the footer)', async () => {
    const editor = await actorOf('EDITOR');
    const s = slug('how-we-work');
    await db.redirect.create({ data: { fromPath: `/about/${s}`, toPath: '/elsewhere' } });
    const { result, change } = await createPage({ db, actor: editor, ip: '192.0.2.7', input: input({ slug: s, role: 'ETHICS', showInFooter: 'on', position: '2' }) });
    expect(await db.page.findUniqueOrThrow({ where: { id: result.id } })).toMatchObject({ slug: s, title: 'How we work', role: 'ETHICS', showInFooter: true, position: 2, version: 1 });
    expect(change?.content).toMatchObject({ pageSlugs: [s], lists: true });
    expect(await db.auditEvent.count({ where: { action: 'page.created', targetType: 'Page', targetId: result.id, actorId: editor.id, ip: '192.0.2.7' } })).toBe(1);
    expect((await lastChange(result.id)).tags).toEqual(['content', `page:${s}`]);
    expect(await db.redirect.findUnique({ where: { fromPath: `/about/${s}` } })).toBeNull();
  });

  it('makes the slug from the title, and leaves an unticked page out of the footer', async () => {
    const admin = await actorOf('ADMIN');
    const title = `Jobs ${uniqueSuffix()}`;
    const { result } = await createPage({ db, actor: admin, input: input({ title, slug: '' }) });
    expect(result.slug).toBe(title.toLowerCase().replace(/ /g, '-'));
    expect(await db.page.findUniqueOrThrow({ where: { id: result.id } })).toMatchObject({ showInFooter: false, role: null });
  });

  it('refuses a writer, and anonymous callers, before anything is written', async () => {
    const writer = await actorOf('WRITER');
    const s = slug('writer-page');
    await expect(createPage({ db, actor: writer, input: input({ slug: s }) })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(createPage({ db, actor: null as unknown as Actor, input: input({ slug: s }) })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const page = await seedPage(db, { slug: slug('p') });
    await expect(updatePage({ db, actor: writer, input: input({ id: page.id, version: 1, slug: page.slug }) })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(deletePage({ db, actor: writer, input: { id: page.id, version: 1 } })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await db.page.count({ where: { slug: s } })).toBe(0);
    expect(await db.page.findUniqueOrThrow({ where: { id: page.id } })).toMatchObject({ version: 1 });
    expect(await db.auditEvent.count({ where: { actorId: writer.id } })).toBe(0);
  });

  it('refuses a slug or a role another page has, an unreadable body and unknown keys, beside the field', async () => {
    const editor = await actorOf('EDITOR');
    const taken = await seedPage(db, { title: 'Taken page', slug: slug('taken'), role: 'CONTACT' });
    await expect(createPage({ db, actor: editor, input: input({ slug: taken.slug }) })).rejects.toMatchObject({ code: 'INVALID', fieldErrors: { slug: [expect.stringContaining('Taken page')] } });
    await expect(createPage({ db, actor: editor, input: input({ slug: slug('x'), role: 'CONTACT' }) })).rejects.toMatchObject({ fieldErrors: { role: [expect.stringContaining('Taken page')] } });
    await expect(createPage({ db, actor: editor, input: input({ slug: slug('x'), role: 'SPORTS' }) })).rejects.toMatchObject({ fieldErrors: { role: [expect.any(String)] } });
    await expect(createPage({ db, actor: editor, input: input({ slug: 'Not A Slug!' }) })).rejects.toMatchObject({ fieldErrors: { slug: [expect.any(String)] } });
    await expect(createPage({ db, actor: editor, input: input({ body: '{not json' }) })).rejects.toMatchObject({ fieldErrors: { body: [expect.any(String)] } });
    await expect(createPage({ db, actor: editor, input: input({ body: JSON.stringify({ type: 'doc', content: [{ type: 'script' }] }) }) })).rejects.toMatchObject({ code: 'INVALID' });
    await expect(createPage({ db, actor: editor, input: input({ id: 'chosen-id' }) })).rejects.toMatchObject({ code: 'INVALID' });
    await expect(createPage({ db, actor: editor, input: input({ title: '' }) })).rejects.toMatchObject({ fieldErrors: { title: ['Enter a title.'] } });
  });
});

describe('updatePage', () => {
  it('purges only the page (and the sitemap) for a body edit, every page for a new title', async () => {
    const editor = await actorOf('EDITOR');
    const page = await seedPage(db, { title: 'Methods', slug: slug('methods'), showInFooter: true });
    const fields = { id: page.id, title: 'Methods', slug: page.slug, showInFooter: 'on', position: '0' };
    const bodyEdit = await updatePage({ db, actor: editor, input: { ...fields, version: '1', body: sampleBody('changed words') } });
    expect(bodyEdit.result.version).toBe(2);
    expect((await lastChange(page.id)).tags).toEqual(['modified', `page:${page.slug}`]);
    await updatePage({ db, actor: editor, input: { ...fields, version: '2', title: 'Our methods', body: sampleBody('changed words') } });
    expect((await lastChange(page.id)).tags).toEqual(['content', `page:${page.slug}`]);
    expect(await db.page.findUniqueOrThrow({ where: { id: page.id } })).toMatchObject({ title: 'Our methods', version: 3 });
    const audits = await db.auditEvent.findMany({ where: { targetId: page.id, action: 'page.updated' }, orderBy: { createdAt: 'asc' } });
    expect(audits).toHaveLength(2);
    expect(audits[0]?.detail).toMatchObject({ bodyChanged: true, before: { title: 'Methods' }, after: { title: 'Methods' } });
  });

  it('answers a stale version with CONFLICT naming who saved, and keeps their save', async () => {
    const editor = await actorOf('EDITOR');
    const other = await actorOf('ADMIN');
    const page = await seedPage(db, { title: 'Contact us', slug: slug('contact') });
    const fields = { id: page.id, slug: page.slug, body: sampleBody() };
    await updatePage({ db, actor: other, input: { ...fields, version: 1, title: 'First save' } });
    const stale = updatePage({ db, actor: editor, input: { ...fields, version: 1, title: 'Second save' } });
    await expect(stale).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringContaining(other.name) });
    expect(await db.page.findUniqueOrThrow({ where: { id: page.id } })).toMatchObject({ title: 'First save', version: 2 });
    await expect(updatePage({ db, actor: editor, input: { ...fields, id: 'missing', version: 1, title: 'X' } })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('moves a page to a new slug with a 301 from the old address (chains collapsed), and refuses a taken slug or role', async () => {
    const editor = await actorOf('EDITOR');
    const s1 = slug('jobs');
    const s2 = slug('careers');
    const page = await seedPage(db, { title: 'Jobs', slug: s1 });
    const earlier = `/about/${slug('vacancies')}`;
    await db.redirect.create({ data: { fromPath: earlier, toPath: `/about/${s1}` } });
    await updatePage({ db, actor: editor, input: { id: page.id, version: 1, title: 'Careers', slug: s2, body: sampleBody() } });
    expect((await db.redirect.findUnique({ where: { fromPath: `/about/${s1}` } }))?.toPath).toBe(`/about/${s2}`);
    expect((await db.redirect.findUnique({ where: { fromPath: earlier } }))?.toPath).toBe(`/about/${s2}`);
    expect((await lastChange(page.id)).tags).toEqual(['content', `page:${s1}`, `page:${s2}`]);

    const other = await seedPage(db, { title: 'Masthead page', slug: slug('masthead'), role: 'MASTHEAD' });
    await expect(updatePage({ db, actor: editor, input: { id: page.id, version: 2, title: 'Careers', slug: other.slug, body: sampleBody() } })).rejects.toMatchObject({
      fieldErrors: { slug: [expect.stringContaining('Masthead page')] },
    });
    await expect(updatePage({ db, actor: editor, input: { id: page.id, version: 2, title: 'Careers', slug: s2, role: 'MASTHEAD', body: sampleBody() } })).rejects.toMatchObject({
      fieldErrors: { role: [expect.stringContaining('Masthead page')] },
    });
    // The page that has the role may keep it.
    await updatePage({ db, actor: editor, input: { id: other.id, version: 1, title: 'Masthead page', slug: other.slug, role: 'MASTHEAD', body: sampleBody() } });
  });
});

describe('deletePage', () => {
  it('deletes a page conditional on its version, audited with its title, purging every page', async () => {
    const editor = await actorOf('EDITOR');
    const page = await seedPage(db, { title: 'Old notice', slug: slug('old-notice') });
    await expect(deletePage({ db, actor: editor, input: { id: page.id, version: 2 } })).rejects.toMatchObject({ code: 'CONFLICT' });
    const { change } = await deletePage({ db, actor: editor, input: { id: page.id, version: 1 } });
    expect(change?.content).toMatchObject({ lists: true, pageSlugs: [page.slug] });
    expect(await db.page.findUnique({ where: { id: page.id } })).toBeNull();
    expect(await db.auditEvent.findFirst({ where: { action: 'page.deleted', targetId: page.id } })).toMatchObject({ actorId: editor.id, detail: { title: 'Old notice', slug: page.slug } });
    await expect(deletePage({ db, actor: editor, input: { id: page.id, version: 1 } })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('reader queries', () => {
  it('read a page by slug, the footer links in order, and every author for the masthead', async () => {
    const s = slug('reader');
    await seedPage(db, { title: 'Reader page', slug: s, position: 900 });
    expect(await getPageBySlug(s)).toMatchObject({ title: 'Reader page', body: { type: 'doc' } });
    expect(await getPageBySlug('Not a slug')).toBeNull();
    const links = await getStandingPageLinks();
    expect(links.at(-1)).toMatchObject({ slug: s, position: 900 });
    const author = await seedAuthor(db, { name: `Staff ${uniqueSuffix()}`, jobTitle: 'Reporter', organisation: 'Masthead' });
    expect(await getMastheadAuthors()).toContainEqual(expect.objectContaining({ slug: author.slug, jobTitle: 'Reporter', organisation: 'Masthead' }));
  });

  it('counts an image inline in a page body as in use, so it cannot be deleted from under the page', async () => {
    const image = await db.image.create({ data: { storageKey: `${uniqueSuffix()}.jpg`, mimeType: 'image/jpeg', width: 10, height: 10, bytes: 100, alt: 'A chart' } });
    const page = await seedPage(db, {
      slug: slug('with-image'),
      body: { type: 'doc', content: [{ type: 'image', attrs: { src: `/media/${image.storageKey}`, alt: 'A chart', width: 10, height: 10, imageId: image.id } }] },
    });
    const usage = await findImageUsage(db, image);
    expect(usage.pages).toEqual([{ id: page.id, title: page.title, slug: page.slug }]);
    expect(isInUse(usage)).toBe(true);
  });
});
