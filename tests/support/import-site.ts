import { createServer, type Server } from 'node:http';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { PrismaClient } from '@/lib/generated/prisma/client';
import { realImage } from './image-files';

/**
 * The old site of the import tests: a real HTTP server on 127.0.0.1 serving the images the fixture
 * exports point at (real PNG and JPEG files), an HTML page where one export claims a JPEG, and 404
 * for anything else. `exportFor` copies a fixture with the old site's address replaced by the server's,
 * so the export downloads from it, and the unreachable one by a closed port. Counts requests, so a test can see a second run downloads nothing.
 */
export type OldSite = {
  origin: string;
  requests: string[];
  close(): Promise<void>;
  exportFor(fixture: string, from: string): Promise<string>;
};

/** The fixtures' address of an image that cannot be had: replaced by a port nothing listens on. */
const UNREACHABLE = 'http://unreachable.harbour.example';

/** An origin on 127.0.0.1 whose port was just closed: connecting is refused at once. */
async function closedOrigin(): Promise<string> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return `http://127.0.0.1:${port}`;
}

const FIXTURES = path.join(import.meta.dirname, '..', 'fixtures', 'import');

export async function startOldSite(): Promise<OldSite> {
  const files = new Map<string, { type: string; body: Buffer }>([
    ['/wp-content/uploads/2020/05/harbour.jpg', { type: 'image/jpeg', body: await realImage('jpeg', 640, 427) }],
    ['/wp-content/uploads/2020/05/pier.png', { type: 'image/png', body: await realImage('png', 400, 300) }],
    ['/wp-content/uploads/2021/06/ferry.jpg', { type: 'image/jpeg', body: await realImage('jpeg', 800, 533) }],
    ['/wp-content/uploads/2023/09/not-an-image.jpg', { type: 'image/jpeg', body: Buffer.from('<!doctype html><script>alert(1)</script>') }],
    ['/content/images/2022/11/lighthouse.jpg', { type: 'image/jpeg', body: await realImage('jpeg', 1200, 800) }],
    ['/content/images/2022/11/inline.jpg', { type: 'image/jpeg', body: await realImage('jpeg', 600, 400) }],
    ['/content/images/2021/01/anna.png', { type: 'image/png', body: await realImage('png', 200, 200) }],
  ]);
  const requests: string[] = [];
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    requests.push(url.pathname);
    const file = files.get(url.pathname);
    if (!file) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': file.type, 'content-length': file.body.length }).end(file.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const dir = await mkdtemp(path.join(os.tmpdir(), 'masthead-import-'));
  const closed = await closedOrigin();
  return {
    origin,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
    async exportFor(fixture, from) {
      const text = await readFile(path.join(FIXTURES, fixture), 'utf8');
      const target = path.join(dir, fixture);
      await writeFile(target, text.replaceAll(from, origin).replaceAll(UNREACHABLE, closed));
      return target;
    },
  };
}

/** The path of a fixture export, as it is (no server). */
export const fixturePath = (name: string) => path.join(FIXTURES, name);

/** How many rows of everything an import writes: equal before and after a run that created nothing. */
export async function importCounts(db: PrismaClient) {
  const [articles, revisions, authors, sections, tags, articleTags, images, redirects, pages, imported] = await Promise.all([
    db.article.count(),
    db.articleRevision.count(),
    db.author.count(),
    db.section.count(),
    db.tag.count(),
    db.articleTag.count(),
    db.image.count(),
    db.redirect.count(),
    db.page.count(),
    db.importedItem.count(),
  ]);
  return { articles, revisions, authors, sections, tags, articleTags, images, redirects, pages, imported };
}
