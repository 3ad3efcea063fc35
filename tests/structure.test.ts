import { afterAll, describe, expect, it } from 'vitest';
import type { Actor } from '@/lib/auth/actor';
import { createAuthor } from '@/lib/authors/create-author';
import { updateAuthor } from '@/lib/authors/update-author';
import { createCampaign } from '@/lib/campaigns/create-campaign';
import { updateCampaign } from '@/lib/campaigns/update-campaign';
import type { Role } from '@/lib/generated/prisma/enums';
import { createSection as createSectionAsEditor } from '@/lib/sections/create-section';
import { deleteSection } from '@/lib/sections/delete-section';
import { moveSection } from '@/lib/sections/move-section';
import { updateSection } from '@/lib/sections/update-section';
import { seedArticle, seedAuthor as makeAuthor, seedCampaign as makeCampaign, seedSection, seedUser, uniqueSuffix } from '../prisma/seed/factories';
import { testDb } from './support/db';

const db = testDb(4);
afterAll(() => db.$disconnect());

async function actorOf(role: Role): Promise<Actor> {
  const u = await seedUser(db, { role });
  return { id: u.id, name: u.name, email: u.email, role: u.role };
}

const slug = (prefix: string) => `${prefix}-${uniqueSuffix()}`;
const redirectOf = async (fromPath: string) => (await db.redirect.findUnique({ where: { fromPath } }))?.toPath ?? null;

describe('sections', () => {
  it('creates a section at the end of the order, audited, and drops a redirect from its path', async () => {
    const editor = await actorOf('EDITOR');
    const s = slug('fresh');
    await db.redirect.create({ data: { fromPath: `/${s}`, toPath: '/somewhere-else' } });
    const { result: section } = await createSectionAsEditor({ db, actor: editor, ip: '192.0.2.9', input: { name: 'Fresh desk', slug: s, description: '' } });
    const row = await db.section.findUniqueOrThrow({ where: { id: section.id } });
    const max = await db.section.aggregate({ where: { parentId: null }, _max: { position: true } });
    expect(row).toMatchObject({ name: 'Fresh desk', slug: s, description: null, position: max._max.position, version: 1 });
    expect(await redirectOf(`/${s}`)).toBeNull();
    expect(await db.auditEvent.count({ where: { action: 'section.created', targetId: section.id, actorId: editor.id, ip: '192.0.2.9' } })).toBe(1);
  });

  it('makes the slug from the name when it is left blank', async () => {
    const editor = await actorOf('ADMIN');
    const name = `Blank Slug ${uniqueSuffix()}`;
    const { result: section } = await createSectionAsEditor({ db, actor: editor, input: { name, slug: '' } });
    expect(section.slug).toBe(name.toLowerCase().replace(/ /g, '-'));
  });

  it('renames the slug: 301s for the front and every published article, chains collapsed, one audit row', async () => {
    const editor = await actorOf('EDITOR');
    const oldSlug = slug('old');
    const newSlug = slug('new');
    const section = await seedSection(db, { name: 'Old name', slug: oldSlug });
    const live = await seedArticle(db, { sectionId: section.id, slug: 'live-story' });
    const trashed = await seedArticle(db, { sectionId: section.id, slug: 'trashed-story', deletedAt: new Date() });
    const draft = await seedArticle(db, { sectionId: section.id, slug: 'draft-story', status: 'DRAFT' });
    // Earlier moves that ended at the old paths, and a renamed article inside the section.
    const ancient = slug('ancient');
    await db.redirect.createMany({
      data: [
        { fromPath: `/${ancient}`, toPath: `/${oldSlug}` },
        { fromPath: `/${ancient}/live-story`, toPath: `/${oldSlug}/live-story` },
        { fromPath: `/${oldSlug}/previous-headline`, toPath: `/${oldSlug}/live-story` },
      ],
    });

    const result = await updateSection({ db, actor: editor, input: { id: section.id, version: '1', name: 'New name', slug: newSlug, description: 'About it' } });
    expect(result.result.section).toMatchObject({ slug: newSlug, version: 2 });
    expect(result.change?.content?.sectionSlugs.sort()).toEqual([newSlug, oldSlug].sort());
    // Audit row and change record, both from the one transaction.
    expect(await db.changeEvent.count({ where: { kind: 'section.updated', targetId: section.id, actorId: editor.id } })).toBe(1);

    expect(await redirectOf(`/${oldSlug}`)).toBe(`/${newSlug}`);
    expect(await redirectOf(`/${oldSlug}/${live.slug}`)).toBe(`/${newSlug}/${live.slug}`);
    expect(await redirectOf(`/${oldSlug}/${trashed.slug}`)).toBeNull();
    expect(await redirectOf(`/${oldSlug}/${draft.slug}`)).toBeNull();
    expect(await redirectOf(`/${ancient}`)).toBe(`/${newSlug}`);
    expect(await redirectOf(`/${ancient}/live-story`)).toBe(`/${newSlug}/live-story`);
    expect(await redirectOf(`/${oldSlug}/previous-headline`)).toBe(`/${newSlug}/live-story`);
    // No redirect anywhere leads to a path that is itself redirected.
    const all = await db.redirect.findMany({ where: { OR: [{ toPath: { startsWith: `/${newSlug}` } }, { toPath: { startsWith: `/${oldSlug}` } }] } });
    const froms = new Set((await db.redirect.findMany({ select: { fromPath: true } })).map((r) => r.fromPath));
    for (const r of all) expect(froms.has(r.toPath), `${r.fromPath} → ${r.toPath} chains`).toBe(false);

    expect(await db.section.findUniqueOrThrow({ where: { id: section.id } })).toMatchObject({ name: 'New name', slug: newSlug, description: 'About it', version: 2 });
    const audit = await db.auditEvent.findFirstOrThrow({ where: { action: 'section.updated', targetId: section.id } });
    expect(audit.detail).toMatchObject({ before: { slug: oldSlug }, after: { slug: newSlug }, redirects: 5 });

    // Renaming back makes the old paths live again: nothing redirects from them, nothing loops.
    await updateSection({ db, actor: editor, input: { id: section.id, version: '2', name: 'Old name', slug: oldSlug } });
    expect(await redirectOf(`/${oldSlug}`)).toBeNull();
    expect(await redirectOf(`/${oldSlug}/${live.slug}`)).toBeNull();
    expect(await redirectOf(`/${newSlug}/${live.slug}`)).toBe(`/${oldSlug}/${live.slug}`);
    expect(await redirectOf(`/${ancient}/live-story`)).toBe(`/${oldSlug}/live-story`);
  });

  it('refuses reserved, malformed and duplicate slugs with a message on the slug field', async () => {
    const editor = await actorOf('EDITOR');
    const taken = await seedSection(db, { name: 'Taken desk', slug: slug('taken') });
    const section = await seedSection(db, { slug: slug('mine') });
    for (const [bad, message] of [
      ['dashboard', /reserved/],
      ['feeds', /reserved/],
      ['Bad Slug!', /lower-case/],
      [taken.slug, /Taken desk/],
    ] as const) {
      await expect(updateSection({ db, actor: editor, input: { id: section.id, version: 1, name: 'X', slug: bad } })).rejects.toMatchObject({
        code: 'INVALID',
        fieldErrors: { slug: [expect.stringMatching(message)] },
      });
      await expect(createSectionAsEditor({ db, actor: editor, input: { name: 'X', slug: bad } })).rejects.toMatchObject({ code: 'INVALID', fieldErrors: { slug: [expect.stringMatching(message)] } });
    }
    await expect(createSectionAsEditor({ db, actor: editor, input: { name: 'X', slug: slug('ok'), extra: 'nope' } })).rejects.toMatchObject({ code: 'INVALID' });
    expect(await db.section.findUniqueOrThrow({ where: { id: section.id } })).toMatchObject({ version: 1, slug: section.slug });
  });

  it('refuses a save based on a stale version, naming who saved last', async () => {
    const editor = await actorOf('EDITOR');
    const other = await actorOf('EDITOR');
    const section = await seedSection(db, { slug: slug('busy') });
    await updateSection({ db, actor: other, input: { id: section.id, version: 1, name: 'Theirs', slug: section.slug } });
    const stale = updateSection({ db, actor: editor, input: { id: section.id, version: 1, name: 'Mine', slug: slug('mine') } });
    await expect(stale).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringContaining(other.name) });
    expect(await db.section.findUniqueOrThrow({ where: { id: section.id } })).toMatchObject({ name: 'Theirs', version: 2 });
    await expect(moveSection({ db, actor: editor, input: { id: section.id, version: 1, direction: 'up' } })).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(deleteSection({ db, actor: editor, input: { id: section.id, version: 1 } })).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('reorders siblings by move and by place number', async () => {
    const editor = await actorOf('EDITOR');
    const parent = await seedSection(db, { slug: slug('parent') });
    const [a, b, c] = [
      await seedSection(db, { name: 'A', slug: slug('a'), parentId: parent.id, position: 0 }),
      await seedSection(db, { name: 'B', slug: slug('b'), parentId: parent.id, position: 1 }),
      await seedSection(db, { name: 'C', slug: slug('c'), parentId: parent.id, position: 2 }),
    ];
    const order = async () => (await db.section.findMany({ where: { parentId: parent.id }, orderBy: { position: 'asc' }, select: { id: true } })).map((s) => s.id);
    await moveSection({ db, actor: editor, input: { id: c.id, version: '1', direction: 'up' } });
    expect(await order()).toEqual([a.id, c.id, b.id]);
    await updateSection({ db, actor: editor, input: { id: a.id, version: 1, name: 'A', slug: a.slug, place: '3' } });
    expect(await order()).toEqual([c.id, b.id, a.id]);
    // Rows moved as a side effect got a new version, so an open form of theirs cannot undo the move.
    expect((await db.section.findUniqueOrThrow({ where: { id: b.id } })).version).toBe(3);
  });

  it('deletes only an empty section', async () => {
    const editor = await actorOf('EDITOR');
    const full = await seedSection(db, { name: 'Full desk', slug: slug('full') });
    await seedArticle(db, { sectionId: full.id, status: 'DRAFT' });
    await expect(deleteSection({ db, actor: editor, input: { id: full.id, version: 1 } })).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('1 article') });
    const empty = await seedSection(db, { slug: slug('empty') });
    await deleteSection({ db, actor: editor, input: { id: empty.id, version: 1 } });
    expect(await db.section.findUnique({ where: { id: empty.id } })).toBeNull();
    expect(await db.auditEvent.count({ where: { action: 'section.deleted', targetId: empty.id } })).toBe(1);
  });
});

describe('campaigns', () => {
  it('creates and edits a campaign; a new slug redirects the campaign page', async () => {
    const editor = await actorOf('EDITOR');
    const s1 = slug('life-sciences');
    const { result: campaign } = await createCampaign({
      db,
      actor: editor,
      input: { name: 'Life Sciences', slug: s1, partnerName: 'MedCity', disclosureLabel: 'Paid for by MedCity', startsOn: '2026-01-01', endsOn: '2026-12-31' },
    });
    expect(await db.campaign.findUniqueOrThrow({ where: { id: campaign.id } })).toMatchObject({
      disclosureLabel: 'Paid for by MedCity',
      startsAt: new Date('2026-01-01T00:00:00.000Z'),
      endsAt: new Date('2026-12-31T23:59:59.999Z'),
    });
    const earlier = `/campaigns/${slug('earlier')}`;
    await db.redirect.create({ data: { fromPath: earlier, toPath: `/campaigns/${s1}` } });
    const s2 = slug('life-sciences-2026');
    await updateCampaign({ db, actor: editor, input: { id: campaign.id, version: '1', name: 'Life Sciences 2026', slug: s2, partnerName: 'MedCity', disclosureLabel: '' } });
    expect(await db.campaign.findUniqueOrThrow({ where: { id: campaign.id } })).toMatchObject({ slug: s2, disclosureLabel: null, startsAt: null, version: 2 });
    expect(await redirectOf(`/campaigns/${s1}`)).toBe(`/campaigns/${s2}`);
    expect(await redirectOf(earlier)).toBe(`/campaigns/${s2}`);
    expect(await db.auditEvent.count({ where: { targetId: campaign.id, action: { in: ['campaign.created', 'campaign.updated'] } } })).toBe(2);
  });

  it('refuses a duplicate slug, an end before the start and a stale version', async () => {
    const editor = await actorOf('EDITOR');
    const taken = await makeCampaign(db, { name: 'Taken campaign', slug: slug('taken-c') });
    await expect(createCampaign({ db, actor: editor, input: { name: 'X', slug: taken.slug } })).rejects.toMatchObject({ fieldErrors: { slug: [expect.stringContaining('Taken campaign')] } });
    await expect(createCampaign({ db, actor: editor, input: { name: 'X', startsOn: '2026-05-02', endsOn: '2026-05-01' } })).rejects.toMatchObject({ fieldErrors: { endsOn: [expect.any(String)] } });
    await expect(createCampaign({ db, actor: editor, input: { name: 'X', startsOn: 'tomorrow' } })).rejects.toMatchObject({ fieldErrors: { startsOn: [expect.any(String)] } });
    // On an edit a blank slug is a mistake, not a request for a new address.
    await expect(updateCampaign({ db, actor: editor, input: { id: taken.id, version: 1, name: 'Renamed', slug: '' } })).rejects.toMatchObject({ fieldErrors: { slug: ['Enter a slug.'] } });
    const c = await makeCampaign(db, { slug: slug('c') });
    await updateCampaign({ db, actor: editor, input: { id: c.id, version: 1, name: 'First', slug: c.slug } });
    await expect(updateCampaign({ db, actor: editor, input: { id: c.id, version: 1, name: 'Second', slug: c.slug } })).rejects.toMatchObject({ code: 'CONFLICT' });
    expect((await db.campaign.findUniqueOrThrow({ where: { id: c.id } })).name).toBe('First');
  });
});

describe('authors', () => {
  it('creates and edits an author: photo, user link, byline text, and a redirect for a new slug', async () => {
    const editor = await actorOf('EDITOR');
    const writer = await seedUser(db, { role: 'WRITER' });
    const image = await db.image.create({ data: { storageKey: `${uniqueSuffix()}.jpg`, mimeType: 'image/jpeg', width: 10, height: 10, bytes: 100, alt: 'A face' } });
    const s1 = slug('neelam');
    const { result: author } = await createAuthor({ db, actor: editor, input: { name: 'Neelam Patel', slug: s1, jobTitle: 'CEO', organisation: 'MedCity', bio: 'Runs MedCity.', photoId: image.id, userId: writer.id } });
    expect(await db.author.findUniqueOrThrow({ where: { id: author.id } })).toMatchObject({ photoId: image.id, userId: writer.id, jobTitle: 'CEO' });

    const co = await makeAuthor(db, { name: 'Co Author' });
    const section = await seedSection(db, { slug: slug('auth-sec') });
    const article = await seedArticle(db, { sectionId: section.id, authorIds: [author.id, co.id] });
    const s2 = slug('neelam-patel');
    await updateAuthor({ db, actor: editor, input: { id: author.id, version: '1', name: 'Dr Neelam Patel', slug: s2, jobTitle: 'Chief executive', organisation: 'MedCity', bio: '', photoId: '', userId: writer.id } });
    expect(await db.author.findUniqueOrThrow({ where: { id: author.id } })).toMatchObject({ name: 'Dr Neelam Patel', photoId: null, bio: null, version: 2 });
    const after = await db.article.findUniqueOrThrow({ where: { id: article.id } });
    expect(after.bylineText).toBe('Dr Neelam Patel, Co Author');
    expect(after.updatedAt).toEqual(article.updatedAt);
    expect(await redirectOf(`/authors/${s1}`)).toBe(`/authors/${s2}`);
  });

  it('refuses a user who already has a byline, a missing photo, a duplicate slug and a stale version', async () => {
    const editor = await actorOf('EDITOR');
    const user = await seedUser(db);
    const existing = await makeAuthor(db, { name: 'Linked Person', userId: user.id });
    await expect(createAuthor({ db, actor: editor, input: { name: 'X', userId: user.id } })).rejects.toMatchObject({ fieldErrors: { userId: [expect.stringContaining('Linked Person')] } });
    await expect(createAuthor({ db, actor: editor, input: { name: 'X', photoId: 'nope' } })).rejects.toMatchObject({ fieldErrors: { photoId: [expect.any(String)] } });
    await expect(createAuthor({ db, actor: editor, input: { name: 'X', slug: existing.slug } })).rejects.toMatchObject({ fieldErrors: { slug: [expect.stringContaining('Linked Person')] } });
    // A new author with the name of an existing one and no slug: said at the name, offering the existing author.
    const namesake = await makeAuthor(db, { name: `Neelam Patel ${uniqueSuffix()}` });
    const clash = createAuthor({ db, actor: editor, input: { name: namesake.name, slug: '' } });
    await expect(clash).rejects.toMatchObject({ fieldErrors: { name: [expect.stringContaining(`There is already an author “${namesake.name}”`)] } });
    await expect(clash).rejects.not.toHaveProperty('fieldErrors.slug');
    await expect(createAuthor({ db, actor: editor, input: { name: namesake.name, slug: `${namesake.slug}-2` } })).resolves.toMatchObject({ result: { slug: `${namesake.slug}-2` } });
    await updateAuthor({ db, actor: editor, input: { id: existing.id, version: 1, name: 'Renamed', slug: existing.slug, userId: user.id } });
    await expect(updateAuthor({ db, actor: editor, input: { id: existing.id, version: 1, name: 'Stale', slug: existing.slug } })).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(await db.author.findUniqueOrThrow({ where: { id: existing.id } })).toMatchObject({ name: 'Renamed', userId: user.id });
  });
});

describe('permissions', () => {
  it('refuses every structure mutation to a writer, changing nothing', async () => {
    const writer = await actorOf('WRITER');
    const section = await seedSection(db, { slug: slug('w') });
    const campaign = await makeCampaign(db, { slug: slug('w') });
    const author = await makeAuthor(db, { slug: slug('w') });
    const forbidden = { code: 'FORBIDDEN' };
    await expect(createSectionAsEditor({ db, actor: writer, input: { name: 'W', slug: slug('w') } })).rejects.toMatchObject(forbidden);
    await expect(updateSection({ db, actor: writer, input: { id: section.id, version: 1, name: 'W', slug: slug('w') } })).rejects.toMatchObject(forbidden);
    await expect(moveSection({ db, actor: writer, input: { id: section.id, version: 1, direction: 'up' } })).rejects.toMatchObject(forbidden);
    await expect(deleteSection({ db, actor: writer, input: { id: section.id, version: 1 } })).rejects.toMatchObject(forbidden);
    await expect(createCampaign({ db, actor: writer, input: { name: 'W' } })).rejects.toMatchObject(forbidden);
    await expect(updateCampaign({ db, actor: writer, input: { id: campaign.id, version: 1, name: 'W', slug: campaign.slug } })).rejects.toMatchObject(forbidden);
    await expect(createAuthor({ db, actor: writer, input: { name: 'W' } })).rejects.toMatchObject(forbidden);
    await expect(updateAuthor({ db, actor: writer, input: { id: author.id, version: 1, name: 'W', slug: author.slug } })).rejects.toMatchObject(forbidden);
    expect(await db.section.findUniqueOrThrow({ where: { id: section.id } })).toMatchObject({ version: 1 });
    expect(await db.campaign.findUniqueOrThrow({ where: { id: campaign.id } })).toMatchObject({ version: 1 });
    expect(await db.author.findUniqueOrThrow({ where: { id: author.id } })).toMatchObject({ version: 1 });
    expect(await db.auditEvent.count({ where: { actorId: writer.id } })).toBe(0);
  });
});
