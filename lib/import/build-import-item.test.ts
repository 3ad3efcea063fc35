import { describe, expect, it } from 'vitest';
import type { BodyDocument } from '@/lib/articles/body-schema';
import { buildImportItem, type BuildContext } from '@/lib/import/build-import-item';
import type { SourcePost } from '@/lib/import/source-model';

const post: SourcePost = {
  sourceId: '101',
  kind: 'post',
  status: 'PUBLISHED',
  headline: 'Council approves the budget',
  slug: 'council-approves-budget',
  standfirst: 'Seven to two.',
  html: '',
  publishedAt: '2020-05-12T08:30:00.000Z',
  scheduledAt: null,
  createdAt: '2020-05-12T08:30:00.000Z',
  modifiedAt: null,
  sectionSourceId: 'city-hall',
  authorSourceIds: ['jdoe', 'jdoe', 'unknown'],
  tagSourceIds: ['tag:budget', 'category:budget', 'tag:missing'],
  featuredImage: null,
  seoTitle: null,
  seoDescription: null,
  canonicalUrl: null,
  oldUrls: ['https://harbour.example/2020/05/12/council-approves-budget/', '/?p=101'],
  notes: [],
};
const body: BodyDocument = {
  type: 'doc',
  content: [
    { type: 'image', attrs: { src: 'https://harbour.example/gone.jpg', alt: '' } },
    { type: 'paragraph', content: [{ type: 'text', text: 'Text' }] },
  ],
};
const ref = (id: string, slug: string, name: string) => ({ id, slug, name });
const context: BuildContext = {
  taxonomy: {
    defaultSection: ref('s0', 'news', 'News'),
    sections: { 'city-hall': ref('s1', 'city-hall', 'City Hall') },
    authors: { jdoe: ref('a1', 'jane-doe', 'Jane Doe') },
    tags: { 'tag:budget': ref('t1', 'budget', 'Budget'), 'category:budget': ref('t1', 'budget', 'Budget') },
  },
  copyOf: () => ({ missing: 'HTTP 404' }),
  heroOf: () => ({ id: 'img1', alt: 'Boats', caption: 'Dawn', credit: '' }),
  siteUrl: 'https://harbour.example',
  label: '“Council approves the budget” (WordPress id 101)',
};

describe('buildImportItem', () => {
  it('resolves the section, byline and tags to Masthead ids, the hero to its library copy, and leaves out a missing image with a warning', () => {
    const built = buildImportItem({ post, checksum: 'abc', body, heroUrl: 'https://harbour.example/boats.jpg' }, context);
    if ('error' in built) throw new Error(built.error);
    expect(built.item).toMatchObject({
      kind: 'post',
      checksum: 'abc',
      complete: false,
      status: 'PUBLISHED',
      content: {
        sectionId: 's1',
        authorIds: ['a1'],
        tagNames: ['Budget'],
        heroImageId: 'img1',
        heroAlt: 'Boats',
        heroCaption: 'Dawn',
        body: { content: [{ type: 'paragraph' }] },
      },
    });
    expect(built.warnings).toEqual([
      {
        code: 'image-missing',
        message: '“Council approves the budget” (WordPress id 101): the image https://harbour.example/gone.jpg (HTTP 404) is not imported.',
        item: '101',
      },
    ]);
  });

  it('files a post without a known section in the default one', () => {
    const built = buildImportItem(
      { post: { ...post, sectionSourceId: null }, checksum: 'abc', body: { type: 'doc', content: [{ type: 'paragraph' }] }, heroUrl: null },
      context,
    );
    expect('item' in built && built.item).toMatchObject({ complete: true, content: { sectionId: 's0' } });
  });

  it('refuses an item the operation would refuse, with the reason', () => {
    const built = buildImportItem(
      { post: { ...post, publishedAt: '+010000-01-01T00:00:00.000Z' }, checksum: 'abc', body, heroUrl: null },
      context,
    );
    expect(built).toEqual({ error: expect.stringMatching(/^publishedAt: /) });
  });
});
