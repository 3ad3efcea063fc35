import { createReadStream } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readGhost } from '@/lib/import/ghost-reader';
import { addToGhostCatalog, emptyGhostCatalog, GHOST_TABLES, ghostNotes, ghostTaxonomy, mapGhostPost } from '@/lib/import/map-ghost';
import type { SourcePost } from '@/lib/import/source-model';
import { fixturePath } from '@/tests/support/import-site';

async function load(options: { primaryTagSections: boolean; sitePath?: string }) {
  const catalog = emptyGhostCatalog();
  const posts: Record<string, unknown>[] = [];
  for await (const r of readGhost(createReadStream(fixturePath('ghost.json')), GHOST_TABLES)) {
    if (r.type !== 'row') continue;
    addToGhostCatalog(catalog, r.table, r.row);
    if (r.table === 'posts') posts.push(r.row);
  }
  const mapped = new Map(posts.map((row) => [String(row.slug), mapGhostPost(row, catalog, options)]));
  const post = (slug: string): SourcePost => {
    const m = mapped.get(slug)!;
    if (!('post' in m)) throw new Error(`${slug} was not mapped to a post`);
    return m.post;
  };
  return { catalog, mapped, post };
}

describe('mapGhostPost', async () => {
  const { catalog, mapped, post } = await load({ primaryTagSections: true });

  it('maps a published post: primary tag as section, public tags, authors in order, feature image text from posts_meta', () => {
    expect(post('lighthouse-restored')).toMatchObject({
      kind: 'post',
      status: 'PUBLISHED',
      headline: 'Lighthouse restored after the storm',
      standfirst: 'Lit again, eight months after the storm.',
      publishedAt: '2022-11-03T07:00:00.000Z',
      createdAt: '2022-11-01T09:00:00.000Z',
      sectionSourceId: '64a1f0c2e4b0a1b2c3d4e701',
      tagSourceIds: ['64a1f0c2e4b0a1b2c3d4e701', '64a1f0c2e4b0a1b2c3d4e702'],
      authorSourceIds: ['1', '64a1f0c2e4b0a1b2c3d4e601'],
      featuredImage: {
        url: '/content/images/2022/11/lighthouse.jpg',
        alt: 'The lighthouse at dusk, its lamp lit',
        caption: 'Photo: Harbour Photos',
      },
      seoTitle: 'Lighthouse lit again',
      oldUrls: ['/lighthouse-restored/'],
    });
    expect(post('lighthouse-restored').html).toContain('<a href="/storm-damage/">');
    expect(post('harbour-cafe-opens').authorSourceIds).toEqual(['64a1f0c2e4b0a1b2c3d4e601', '1']);
  });

  it('keeps drafts and scheduled posts, and makes members-only and email-only posts drafts with a note', () => {
    expect(post('new-bridge-draft')).toMatchObject({ status: 'DRAFT', publishedAt: null });
    expect(post('regatta-week')).toMatchObject({ status: 'SCHEDULED', scheduledAt: '2031-08-01T08:00:00.000Z' });
    expect(post('harbour-accounts')).toMatchObject({
      status: 'DRAFT',
      notes: ['It was for members only in Ghost: imported as a draft, not published.'],
    });
    expect(post('newsletter-week-12')).toMatchObject({ status: 'DRAFT', tagSourceIds: [] });
  });

  it('imports published pages, not unpublished ones, and a post without HTML from its plain text', () => {
    expect(post('contact-the-newsroom')).toMatchObject({ kind: 'page', sectionSourceId: null, tagSourceIds: [] });
    expect(mapped.get('unfinished-page')).toMatchObject({ skip: { code: 'page-not-published' } });
    expect(post('lexical-only').html).toBe('<p>Body only in Lexical.</p><p>Second paragraph.</p>');
  });

  it('turns hostile fields into plain, bounded text', () => {
    const hostile = post('hostile-ghost-post');
    expect(hostile.headline).toHaveLength(300);
    expect(hostile.headline).not.toMatch(/<|onerror/);
    expect(hostile.standfirst).toBe('bold excerpt');
    expect(hostile.canonicalUrl).toBeNull();
    expect(hostile.featuredImage?.alt).toBe('alt');
  });

  it('collects sections, tags and authors (with bio and photo) of the posts, not the internal tags or staff who never wrote', () => {
    const { sections, tags, authors } = ghostTaxonomy(catalog, { primaryTagSections: true });
    expect(sections.map((s) => [s.name, s.slug])).toEqual([
      ['Coast', 'coast'],
      ['Food & Drink', 'food'],
    ]);
    expect(tags.map((t) => [t.name, t.slug, t.oldUrls])).toEqual([
      ['Coast', 'coast', ['/tag/coast/']],
      ['Weather', 'weather', ['/tag/weather/']],
      ['Food & Drink', 'food-and-drink', ['/tag/food/']],
    ]);
    expect(authors.map((a) => [a.name, a.slug, a.bio, a.photo?.url])).toEqual([
      ['Anna Berg', 'anna', 'Anna covers the coast and the weather.', '/content/images/2021/01/anna.png'],
      ['Bo Lind', 'bo', null, undefined],
    ]);
    expect(ghostNotes(catalog)).toEqual([{ code: 'internal-tags', message: '1 internal Ghost tags are not imported: #newsletter.' }]);
  });

  it('with --section, no primary tag section; with a site folder, old paths and images under it', async () => {
    const forced = await load({ primaryTagSections: false, sitePath: '/blog' });
    expect(forced.post('lighthouse-restored')).toMatchObject({
      sectionSourceId: null,
      oldUrls: ['/blog/lighthouse-restored/'],
      featuredImage: { url: '/blog/content/images/2022/11/lighthouse.jpg' },
    });
    expect(ghostTaxonomy(forced.catalog, { primaryTagSections: false }).sections).toEqual([]);
  });
});
