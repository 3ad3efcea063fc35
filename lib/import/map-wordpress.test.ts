import { createReadStream } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  addToWordPressCatalog,
  autoParagraphs,
  emptyWordPressCatalog,
  mapWordPressItem,
  wordPressNotes,
  wordPressSiteUrl,
  wordPressTaxonomy,
} from '@/lib/import/map-wordpress';
import type { MappedItem, SourcePost } from '@/lib/import/source-model';
import { readWxr, type WxrItem } from '@/lib/import/wxr-reader';
import { fixturePath } from '@/tests/support/import-site';

async function load(options?: { categorySections: boolean }) {
  const catalog = emptyWordPressCatalog();
  const items: WxrItem[] = [];
  for await (const r of readWxr(createReadStream(fixturePath('wordpress.xml')))) {
    addToWordPressCatalog(catalog, r, options);
    if (r.type === 'item') items.push(r.item);
  }
  const mapped = new Map<string, MappedItem>(items.map((item) => [item.fields['wp:post_id']!, mapWordPressItem(item, catalog, options)]));
  const post = (id: string): SourcePost => {
    const m = mapped.get(id)!;
    if (!('post' in m)) throw new Error(`${id} was not mapped to a post`);
    return m.post;
  };
  return { catalog, mapped, post };
}

describe('mapWordPressItem', async () => {
  const { catalog, mapped, post } = await load();

  it('maps a published post with its date, section, tags, author, excerpt, featured image and old addresses', () => {
    expect(post('101')).toMatchObject({
      kind: 'post',
      status: 'PUBLISHED',
      headline: 'Council approves the harbour budget',
      slug: 'council-approves-harbour-budget',
      standfirst: 'Seven votes to two for new sea walls and ferry berths.',
      publishedAt: '2020-05-12T08:30:00.000Z',
      scheduledAt: null,
      modifiedAt: '2020-05-12T10:00:00.000Z',
      sectionSourceId: 'city-hall',
      authorSourceIds: ['jdoe'],
      tagSourceIds: ['tag:budget', 'category:harbour-life'],
      featuredImage: {
        url: 'https://harbour.example/wp-content/uploads/2020/05/harbour.jpg',
        alt: 'Fishing boats in the harbour at dawn',
        caption: 'Dawn over the harbour, May 2020',
      },
      seoDescription: 'The council approved €4.2m for the harbour walls.',
      oldUrls: ['https://harbour.example/2020/05/12/council-approves-harbour-budget/', '/?p=101'],
    });
  });

  it('keeps drafts, scheduled and pending posts as such, and makes private ones drafts with a note', () => {
    expect(post('103')).toMatchObject({ status: 'DRAFT', publishedAt: null, slug: 'draft-new-fish-market' });
    expect(post('104')).toMatchObject({ status: 'SCHEDULED', scheduledAt: '2031-07-01T09:00:00.000Z', publishedAt: null });
    expect(post('105')).toMatchObject({ status: 'IN_REVIEW' });
    expect(post('106')).toMatchObject({ status: 'DRAFT', notes: ['It was private in WordPress: imported as a draft, not published.'] });
  });

  it('files Uncategorized posts in the default section', () => {
    expect(post('102').sectionSourceId).toBeNull();
    expect(post('102').tagSourceIds).toEqual(['tag:ferries']);
  });

  it('imports a published page as a page, passes over WordPress’s machinery and reports the rest', () => {
    expect(post('110')).toMatchObject({
      kind: 'page',
      status: 'PUBLISHED',
      slug: 'about-the-gazette',
      sectionSourceId: null,
      authorSourceIds: [],
      oldUrls: ['https://harbour.example/about-the-gazette/', '/?page_id=110'],
    });
    expect(mapped.get('201')).toEqual({ skip: null });
    expect(mapped.get('300')).toEqual({ skip: null });
    expect(mapped.get('107')).toEqual({
      skip: {
        code: 'not-imported',
        message: '“Deleted story” (WordPress id 107) is not imported: it is in the WordPress trash.',
        item: '107',
      },
    });
    expect(mapped.get('400')).toEqual({
      skip: {
        code: 'unknown-type',
        message: '“Harbour mug” (WordPress id 400) is a “product” item, a type Masthead does not import.',
        item: '400',
      },
    });
  });

  it('turns hostile fields into plain, bounded text and refuses unsafe or templated SEO values', () => {
    const hostile = post('500');
    expect(hostile.headline).toHaveLength(300);
    expect(hostile.headline).not.toMatch(/<|script|alert/);
    expect(hostile.standfirst).toBe('An excerpt');
    expect(hostile.seoTitle).toBeNull();
    expect(hostile.canonicalUrl).toBeNull();
    expect(hostile.notes).toContain('The title was 4,979 characters; cut to 300.');
  });

  it('collects what the posts use for the taxonomy, and the export-wide notes', () => {
    const { sections, authors, tags } = wordPressTaxonomy(catalog);
    expect(sections.map((s) => [s.sourceId, s.name, s.slug, s.oldUrls])).toEqual([
      ['city-hall', 'City Hall', 'city-hall', ['/category/city-hall/']],
      ['harbour-life', 'Harbour & Life', 'harbour-life', ['/category/harbour-life/']],
    ]);
    expect(authors.map((a) => [a.sourceId, a.name, a.slug])).toEqual([
      ['jdoe', 'Jane Doe', 'jane-doe'],
      ['mo.smith', 'Mo Smith', 'mo-smith'],
    ]);
    expect(tags.map((t) => [t.sourceId, t.name])).toEqual([
      ['tag:budget', 'Budget'],
      ['category:harbour-life', 'Harbour & Life'],
      ['tag:ferries', 'Ferries'],
      ['tag:x-tag', 'Bold tag'],
    ]);
    expect(wordPressSiteUrl(catalog.site)).toBe('https://harbour.example');
    expect(wordPressNotes(catalog)).toEqual([{ code: 'comments', message: '1 comments are not imported: Masthead has no comments.' }]);
  });

  it('with --section, every category becomes a tag and no section is made', async () => {
    const forced = await load({ categorySections: false });
    expect(forced.post('101')).toMatchObject({
      sectionSourceId: null,
      tagSourceIds: ['tag:budget', 'category:city-hall', 'category:harbour-life'],
    });
    expect(wordPressTaxonomy(forced.catalog, { categorySections: false }).sections).toEqual([]);
  });
});

describe('autoParagraphs', () => {
  it('wraps classic-editor text in paragraphs as WordPress shows it, leaving block content alone', () => {
    expect(autoParagraphs('One line\nand the next.\n\nSecond paragraph.\n\n<ul><li>x</li></ul>')).toBe(
      '<p>One line<br>\nand the next.</p>\n<p>Second paragraph.</p>\n<ul><li>x</li></ul>',
    );
    expect(autoParagraphs('<p>Already</p>\n\n<p>fine</p>')).toBe('<p>Already</p>\n\n<p>fine</p>');
    expect(autoParagraphs('One line only')).toBe('One line only');
  });
});
