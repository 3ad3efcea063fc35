import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { validateXML } from 'xmllint-wasm';
import type { FeedArticle } from '@/lib/articles/queries';
import { buildRssFeed } from '@/lib/feeds/build-feed';

const SITE = 'http://localhost:3000';

function article(overrides: Partial<FeedArticle> = {}): FeedArticle {
  return {
    id: 'a1',
    headline: 'Heat pumps & the grid',
    slug: 'heat-pumps',
    standfirst: 'What the winter taught us.',
    publishedAt: new Date('2026-01-02T03:04:05Z'),
    updatedAt: new Date('2026-01-02T03:04:05Z'),
    sponsored: false,
    section: { name: 'Climate', slug: 'climate' },
    heroImage: { storageKey: 'k1.jpg', width: 1600, height: 900, alt: 'A heat pump on a wall', bytes: 12345, mimeType: 'image/jpeg' },
    authors: [{ author: { name: 'Tom Okafor', slug: 'tom-okafor' } }, { author: { name: 'Ana <Ruiz> & Co', slug: 'ana-ruiz' } }],
    campaign: null,
    corrections: [],
    body: {
      type: 'doc',
      content: [
        { type: 'paragraph', content: [{ type: 'text', text: 'They <script>alert(1)</script> work.' }] },
        { type: 'image', attrs: { src: '/media/k2.jpg', alt: 'Installer' } },
      ],
    },
    ...overrides,
  } as FeedArticle;
}

const feedOf = (articles: FeedArticle[], fullText = false) =>
  buildRssFeed({ title: 'Climate | Masthead', description: 'The latest.', path: '/climate', feedPath: '/feeds/sections/climate', articles, fullText });

/** libxml2's verdict (namespace-aware: an undeclared prefix is an error), then the document as a tree. */
async function parse(xml: string) {
  const result = await validateXML({ xml: { fileName: 'feed.xml', contents: xml }, normalization: 'format' });
  expect(result.errors.map((e) => e.rawMessage)).toEqual([]);
  expect(result.valid).toBe(true);
  const tree = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', isArray: (name) => ['item', 'dc:creator', 'author'].includes(name) }).parse(xml);
  return { rss: tree.rss, items: tree.rss.channel.item as Record<string, unknown>[] };
}

describe('buildRssFeed', () => {
  it('names each author in dc:creator, declares the dc namespace, and writes no <author> (an email in RSS)', async () => {
    const { rss, items } = await parse(feedOf([article()]));
    expect(rss['@xmlns:dc']).toBe('http://purl.org/dc/elements/1.1/');
    expect(items[0]!['dc:creator']).toEqual(['Tom Okafor', 'Ana <Ruiz> & Co']);
    expect(items[0]!.author).toBeUndefined();
  });

  it('writes the enclosure with url, length and type only (RSS defines no title attribute)', async () => {
    const { items } = await parse(feedOf([article()]));
    expect(items[0]!.enclosure).toEqual({ '@url': `${SITE}/media/k1.jpg`, '@length': '12345', '@type': 'image/jpeg' });
  });

  it('labels a partner or sponsored article in its categories and before its summary, as the site does', async () => {
    const { items } = await parse(
      feedOf([
        article({ campaign: { name: 'Life Sciences 2026', partnerName: 'MedCity', disclosureLabel: null } }),
        article({ id: 'a2', slug: 'paid', sponsored: true, campaign: null }),
        article({ id: 'a3', slug: 'plain' }),
      ]),
    );
    const categories = (item: Record<string, unknown>) => [item.category].flat().map((c) => (typeof c === 'string' ? c : (c as { '#text': string })['#text']));
    expect(categories(items[0]!)).toEqual(['Climate', 'Partner content']);
    expect(items[0]!.description).toBe('Partner content: In partnership with MedCity. What the winter taught us.');
    expect(categories(items[1]!)).toEqual(['Climate', 'Sponsored']);
    expect(items[1]!.description).toBe('Sponsored. What the winter taught us.');
    expect(categories(items[2]!)).toEqual(['Climate']);
    expect(items[2]!.description).toBe('What the winter taught us.');
  });

  it('keeps items well-formed with no authors and no hero image', async () => {
    const { items } = await parse(feedOf([article({ authors: [], heroImage: null })]));
    expect(items[0]!['dc:creator']).toBeUndefined();
    expect(items[0]!.enclosure).toBeUndefined();
    expect(items[0]!.title).toBe('Heat pumps & the grid');
  });

  it('keeps a corrected article’s pubDate, adds atom:updated and the correction to its description and full text', async () => {
    const corrected = article({
      corrections: [{ id: 'c1', kind: 'CORRECTION', text: 'An earlier version said <b>12</b> pumps.', publishedAt: new Date('2026-02-03T04:05:06Z') }],
    });
    const { rss, items } = await parse(feedOf([corrected], true));
    expect(items[0]!.pubDate).toBe('Fri, 02 Jan 2026 03:04:05 GMT');
    expect(items[0]!['atom:updated']).toBe('2026-02-03T04:05:06.000Z');
    expect(items[0]!.description).toBe('What the winter taught us.\n\nCorrection, 3 February 2026: An earlier version said <b>12</b> pumps.');
    expect(items[0]!['content:encoded']).toContain('<p><em>Correction, 3 February 2026: An earlier version said &#60;b&#62;12&#60;/b&#62; pumps.</em></p>');
    expect(rss.channel.lastBuildDate).toBe('Tue, 03 Feb 2026 04:05:06 GMT');
  });

  it('offers only the standfirst unless full text is on', async () => {
    const { rss, items } = await parse(feedOf([article()]));
    expect(items[0]!.description).toBe('What the winter taught us.');
    expect(items[0]!['content:encoded']).toBeUndefined();
    expect(rss['@xmlns:content']).toBeUndefined();
  });

  it('with full text, carries the body as sanitised HTML with absolute URLs in content:encoded', async () => {
    const { rss, items } = await parse(feedOf([article()], true));
    expect(rss['@xmlns:content']).toBe('http://purl.org/rss/1.0/modules/content/');
    expect(items[0]!['content:encoded']).toBe(`<p>They &lt;script&gt;alert(1)&lt;/script&gt; work.</p><p><img src="${SITE}/media/k2.jpg" alt="Installer"></p>`);
    expect(items[0]!['dc:creator']).toEqual(['Tom Okafor', 'Ana <Ruiz> & Co']);
  });

  it('with full text, leaves content:encoded out for a body it cannot validate', async () => {
    const { items } = await parse(feedOf([article({ body: { type: 'doc', content: [{ type: 'script', text: 'x' }] } })], true));
    expect(items[0]!['content:encoded']).toBeUndefined();
    expect(items[0]!.description).toBe('What the winter taught us.');
  });
});
