import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { readGhost, type GhostRecord } from '@/lib/import/ghost-reader';
import { fixturePath } from '@/tests/support/import-site';

async function* chunks(text: string, size: number) {
  const bytes = Buffer.from(text);
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

async function records(text: string, tables: string[], size = 4096): Promise<GhostRecord[]> {
  const out: GhostRecord[] = [];
  for await (const r of readGhost(chunks(text, size), new Set(tables))) out.push(r);
  return out;
}

describe('readGhost', async () => {
  const fixture = await readFile(fixturePath('ghost.json'), 'utf8');

  it('streams the meta and the rows of the tables asked for, in file order (posts before users and tags)', async () => {
    const all = await records(fixture, ['posts', 'users', 'tags', 'posts_tags']);
    expect(all[0]).toEqual({ type: 'meta', meta: { exported_on: 1709284364000, version: '5.80.0' } });
    const tables = all.flatMap((r) => (r.type === 'row' ? [r.table] : []));
    expect([...new Set(tables)]).toEqual(['posts', 'posts_tags', 'tags', 'users']);
    expect(tables.filter((t) => t === 'posts')).toHaveLength(10);
    const post = all.find((r) => r.type === 'row' && r.table === 'posts');
    expect(post?.type === 'row' && post.row).toMatchObject({
      id: '64a1f0c2e4b0a1b2c3d4e501',
      slug: 'lighthouse-restored',
      type: 'post',
      status: 'published',
    });
  });

  it('gives the same rows whatever the chunk boundaries', async () => {
    expect(await records(fixture, ['posts', 'users'], 3)).toEqual(await records(fixture, ['posts', 'users']));
  });

  it('reads an older export without the db wrapper', async () => {
    const old = JSON.stringify({ meta: { version: '0.11' }, data: { posts: [{ id: 1, title: 'Old' }], users: [] } });
    expect(await records(old, ['posts'])).toEqual([
      { type: 'meta', meta: { version: '0.11' } },
      { type: 'row', table: 'posts', row: { id: 1, title: 'Old' } },
    ]);
  });

  it('ends a truncated file with an error, after the rows before the cut', async () => {
    const all = await records(await readFile(fixturePath('ghost-truncated.json'), 'utf8'), ['posts']);
    expect(all.filter((r) => r.type === 'row')).toHaveLength(2);
    expect(all.at(-1)).toMatchObject({ type: 'error', message: expect.stringMatching(/^The file is not complete JSON/) });
  });

  it('says when a file is not a Ghost export', async () => {
    expect(await records('{"posts": []}', ['posts'])).toEqual([
      { type: 'error', message: 'This is not a Ghost export: it has no db[0].data (or data) object.' },
    ]);
    expect((await records('<?xml version="1.0"?><rss/>', ['posts']))[0]).toMatchObject({ type: 'error' });
  });
});
