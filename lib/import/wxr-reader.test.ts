import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { readWxr, type WxrRecord } from '@/lib/import/wxr-reader';
import { fixturePath } from '@/tests/support/import-site';

/** The text in chunks of `size` bytes, cutting through multi-byte characters, as a file stream does. */
async function* chunks(text: string, size: number) {
  const bytes = Buffer.from(text);
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

async function records(text: string, size = 4096, maxField?: number): Promise<WxrRecord[]> {
  const out: WxrRecord[] = [];
  for await (const r of readWxr(chunks(text, size), { maxField })) out.push(r);
  return out;
}

describe('readWxr', async () => {
  const fixture = await readFile(fixturePath('wordpress.xml'), 'utf8');

  it('reads the site, authors, categories, tags and items of a WXR 1.2 export', async () => {
    const all = await records(fixture);
    const of = <T extends WxrRecord['type']>(type: T) => all.filter((r): r is Extract<WxrRecord, { type: T }> => r.type === type);
    expect(of('site')).toEqual([
      {
        type: 'site',
        site: {
          title: 'The Harbour Gazette',
          link: 'https://harbour.example',
          baseSiteUrl: 'https://harbour.example',
          baseBlogUrl: 'https://harbour.example',
          wxrVersion: '1.2',
        },
      },
    ]);
    expect(of('author').map((r) => [r.author.login, r.author.displayName])).toEqual([
      ['jdoe', 'Jane Doe'],
      ['mo.smith', 'Mo Smith'],
    ]);
    expect(of('category').map((r) => [r.term.slug, r.term.name])).toEqual([
      ['uncategorized', 'Uncategorized'],
      ['city-hall', 'City Hall'],
      ['harbour-life', 'Harbour &amp; Life'],
    ]);
    expect(of('tag').map((r) => r.term.slug)).toEqual(['budget', 'ferries']);
    expect(of('error')).toEqual([]);
    const items = of('item').map((r) => r.item);
    expect(items).toHaveLength(13);
    const first = items[0]!;
    expect(first.fields.title).toBe('Council approves the harbour budget');
    expect(first.fields['wp:post_id']).toBe('101');
    expect(first.fields['content:encoded']).toContain('<strong>seven to two</strong>');
    expect(first.terms).toEqual([
      { domain: 'category', nicename: 'city-hall', name: 'City Hall' },
      { domain: 'category', nicename: 'harbour-life', name: 'Harbour &amp; Life' },
      { domain: 'post_tag', nicename: 'budget', name: 'Budget' },
    ]);
    expect(first.meta).toMatchObject({ _thumbnail_id: '201', _edit_last: '2' });
    expect(first.comments).toBe(1);
  });

  it('gives the same records whatever the chunk boundaries, through multi-byte characters', async () => {
    expect(await records(fixture, 7)).toEqual(await records(fixture));
    expect(await records(fixture, 1)).toEqual(await records(fixture));
  });

  it('ends broken XML with an error naming the line, after the items before it', async () => {
    const all = await records(await readFile(fixturePath('wordpress-broken.xml'), 'utf8'));
    expect(all.filter((r) => r.type === 'item')).toHaveLength(2);
    const last = all.at(-1)!;
    expect(last.type).toBe('error');
    expect(last.type === 'error' && last.message).toMatch(/^The XML is broken at line 167, column \d+: unexpected close tag/);
  });

  it('says what is wrong with a file that is not a WordPress export', async () => {
    expect(await records('<html><body>Hello</body></html>')).toEqual([
      { type: 'error', message: 'The file cannot be read as a WordPress export: its root element is <html>, not <rss>.' },
    ]);
    expect((await records(''))[0]).toMatchObject({ type: 'error', message: expect.stringMatching(/root element/) });
    // HTML entities outside CDATA are not XML: an error, never a guess.
    expect((await records('<rss><channel><item><title>a &nbsp; b</title></item></channel></rss>')).at(-1)).toMatchObject({
      type: 'error',
      message: expect.stringMatching(/entity/),
    });
  });

  it('cuts a field longer than the limit and says so', async () => {
    const text = `<rss><channel><item><title>T</title><content:encoded><![CDATA[${'x'.repeat(5000)}]]></content:encoded></item></channel></rss>`;
    const item = (await records(text, 4096, 1000)).find((r) => r.type === 'item');
    expect(item?.type === 'item' && item.item.fields['content:encoded']).toHaveLength(1000);
    expect(item?.type === 'item' && item.item.truncated).toEqual(['content:encoded']);
  });
});
