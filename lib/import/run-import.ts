import 'server-only';
import type { BodyDocument, ImageNode } from '@/lib/articles/body-schema';
import { htmlToBody } from '@/lib/articles/html-to-body';
import type { Actor } from '@/lib/auth/actor';
import type { Db } from '@/lib/db';
import { isAppError } from '@/lib/errors';
import { fetchImage, type ImageFetchOptions } from '@/lib/import/fetch-image';
import { ensureImportActor } from '@/lib/import/import-actor';
import { importImages, type ImportedImage } from '@/lib/import/import-images';
import { buildImportItem, type BuildContext, type TaxonomyRefs } from '@/lib/import/build-import-item';
import { importPosts, planImport, type ImportedPosts } from '@/lib/import/import-posts';
import { emptyReport, type ImportReport, type Tally } from '@/lib/import/import-report';
import { importTaxonomy } from '@/lib/import/import-taxonomy';
import { loadImported, sourceKey, type ImportScope } from '@/lib/import/import-writes';
import { openExport, type SourceScan } from '@/lib/import/read-source';
import { checksumOf, type SourceImage, type SourceName, type SourcePost } from '@/lib/import/source-model';
import { storeImageFile, type StoredImageFile } from '@/lib/media/media-writes';
import type { MediaStorage } from '@/lib/media/storage';
import { mediaPath } from '@/lib/routes';
import { isValidSlug, slugify } from '@/lib/text/slug';

/**
 * Runs an import from a WordPress or Ghost export file: reads it twice, streaming (lib/import/read-source.ts),
 * writes sections, authors and tags first, then the posts in batches, each through the operations in
 * lib/import (one transaction and one audit row per batch), as the import's own integration user.
 * Images are fetched outside the transactions and stored through the media library's gate. A batch that
 * fails is retried one item at a time, so one bad post costs only itself; when every item of it fails,
 * the import stops (the database is down, say) and what committed stays. Running it again creates
 * nothing twice. A dry run reads, maps and converts everything, and writes nothing.
 */

/** Bumped when the mapping changes what an unchanged export becomes, so the next run updates everything once. */
const MAPPING_VERSION = 1;

export type ImportOptions = {
  from: SourceName;
  file: string;
  dryRun?: boolean;
  /** Take images from this folder instead of downloading them. */
  mediaDir?: string | null;
  /** Every post goes to this section (by slug; created when missing), and the categories or tags are all tags. */
  section?: string | null;
  /** The old site's address: its identity for ImportedItem, and the base of relative image addresses. */
  siteUrl?: string | null;
  batchSize?: number;
  imageTimeoutMs?: number;
  maxImageBytes?: number;
  imageConcurrency?: number;
};

export type ImportProgress = { phase: 'reading' | 'taxonomy' | 'posts'; done: number; total: number; postsPerSecond: number | null };

/** A site address without its trailing slash, or null when it is not an http(s) URL. */
function normalizeSiteUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const u = new URL(url);
    return /^https?:$/.test(u.protocol) ? `${u.origin}${u.pathname.replace(/\/+$/, '')}` : null;
  } catch {
    return null;
  }
}

/** An image address of the export as a full URL, relative ones against the old site. */
function absoluteImageUrl(src: string, siteUrl: string | null): string {
  if (/^https?:\/\//i.test(src)) return src;
  if (!siteUrl) return src;
  try {
    return new URL(src, `${siteUrl}/`).toString();
  } catch {
    return src;
  }
}

const errorText = (error: unknown): string => {
  if (isAppError(error)) {
    const fields = Object.entries(error.fieldErrors ?? {}).map(([f, m]) => `${f}: ${m.join(' ')}`);
    return [error.message, ...fields].join(' ');
  }
  return error instanceof Error ? error.message.split('\n').slice(-3).join(' ').slice(0, 400) : String(error);
};

/** Runs `fn` over `items` with at most `limit` at a time. */
async function inPool<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) await fn(items[next++]!);
    }),
  );
}

/** The images of one run: in the library already (ImportedItem by URL), fetched and stored, or missing with a reason. */
class ImageLibrary {
  private known = new Map<string, ImportedImage | { missing: string }>();
  constructor(
    private readonly ctx: {
      db: Db;
      storage: MediaStorage;
      actor: Actor;
      scope: ImportScope;
      fetch: ImageFetchOptions;
      concurrency: number;
      dryRun: boolean;
      report: ImportReport;
    },
  ) {}

  get(url: string): ImportedImage | { missing: string } {
    return this.known.get(url) ?? { missing: 'it was not fetched' };
  }

  /** Makes sure every wanted image is known: found in the library, stored now, or missing. */
  async ensure(wanted: readonly SourceImage[]): Promise<void> {
    const { db, storage, actor, scope, report } = this.ctx;
    const firstOf = new Map<string, SourceImage>();
    for (const w of wanted) if (!this.known.has(w.url) && !firstOf.has(w.url)) firstOf.set(w.url, w);
    if (firstOf.size === 0) return;
    const urls = [...firstOf.keys()];
    const imported = await loadImported(db, scope, 'image', urls);
    const rows = await db.image.findMany({
      where: { id: { in: [...imported.values()].map((r) => r.targetId) } },
      select: { id: true, storageKey: true, width: true, height: true, alt: true, caption: true, credit: true },
    });
    const rowById = new Map(rows.map((r) => [r.id, r]));
    const toFetch: string[] = [];
    for (const url of urls) {
      const row = rowById.get(imported.get(url)?.targetId ?? '');
      if (row) {
        this.known.set(url, row);
        report.images.reused += 1;
      } else toFetch.push(url);
    }
    if (this.ctx.dryRun) {
      report.images.downloaded += toFetch.length;
      for (const url of toFetch)
        this.known.set(url, { id: 'dry-run', storageKey: 'dry-run.jpg', width: 1, height: 1, alt: '', caption: '', credit: '' });
      return;
    }
    const files: { url: string; file: StoredImageFile }[] = [];
    await inPool(toFetch, this.ctx.concurrency, async (url) => {
      const fetched = await fetchImage(url, this.ctx.fetch);
      if (!fetched.ok) return this.miss(url, fetched.reason);
      try {
        files.push({ url, file: await storeImageFile(storage, fetched.bytes) });
      } catch (error) {
        this.miss(url, isAppError(error) ? error.message : 'it could not be stored');
      }
    });
    if (files.length === 0) return;
    try {
      const { result } = await importImages({
        actor,
        db,
        input: {
          ...scope,
          images: files.map(({ url, file }) => {
            const w = firstOf.get(url)!;
            return { url, file, text: { alt: w.alt.slice(0, 500), caption: w.caption.slice(0, 1000), credit: '' } };
          }),
        },
      });
      for (const [url, image] of result) this.known.set(url, image);
      report.images.downloaded += files.length;
    } catch (error) {
      await Promise.all(files.map(({ file }) => storage.delete(file.storageKey).catch(() => {})));
      for (const { url } of files) this.miss(url, `it could not be added to the library (${errorText(error)})`);
    }
  }

  private miss(url: string, reason: string) {
    this.known.set(url, { missing: reason });
    this.ctx.report.images.failed += 1;
  }
}

/** What the taxonomy step needs and reports into. */
type RunContext = {
  db: Db;
  actor: Actor;
  scope: ImportScope;
  library: ImageLibrary;
  siteUrl: string | null;
  dryRun: boolean;
  report: ImportReport;
};

/**
 * Sections, authors (with their photos) and tags, before any post: through importTaxonomy, or in a dry
 * run only counted (new or known) with stand-in ids.
 */
async function importTaxonomyStep(
  { db, actor, scope, library, siteUrl, dryRun, report }: RunContext,
  { sections, authors, tags }: SourceScan['taxonomy'],
  defaultSection: { slug: string; name: string },
): Promise<TaxonomyRefs> {
  await library.ensure(authors.flatMap((a) => (a.photo ? [{ ...a.photo, url: absoluteImageUrl(a.photo.url, siteUrl) }] : [])));
  if (dryRun) {
    const ref = (x: { sourceId: string; slug: string; name: string }) =>
      [x.sourceId, { id: 'dry-run', slug: x.slug, name: x.name }] as const;
    for (const [kind, list, tally] of [
      ['category', sections, report.sections],
      ['author', authors, report.authors],
      ['tag', tags, report.tags],
    ] as const) {
      const known = await loadImported(
        db,
        scope,
        kind,
        list.map((x) => x.sourceId),
      );
      tally.created += list.length - known.size;
      tally.skipped += known.size;
    }
    return {
      defaultSection: { id: 'dry-run', ...defaultSection },
      sections: Object.fromEntries(sections.map(ref)),
      authors: Object.fromEntries(authors.map(ref)),
      tags: Object.fromEntries(tags.map(ref)),
    };
  }
  const photoOf = (url: string | undefined) => {
    const found = url ? library.get(absoluteImageUrl(url, siteUrl)) : null;
    return found && !('missing' in found) ? found.id : null;
  };
  const { result } = await importTaxonomy({
    actor,
    db,
    input: {
      ...scope,
      defaultSection,
      sections: sections.map((s) => ({ ...s, checksum: checksumOf(s) })),
      authors: authors.map(({ photo, ...a }) => ({ ...a, photoId: photoOf(photo?.url), checksum: checksumOf({ ...a, photo }) })),
      tags: tags.map(({ slug: _slug, ...t }) => ({ ...t, checksum: checksumOf(t) })),
    },
  });
  for (const kind of ['sections', 'authors', 'tags'] as const) Object.assign(report[kind], result.counts[kind]);
  report.redirects.written += result.redirects;
  report.redirects.refused += result.warnings.filter((w) => w.code === 'redirect').length;
  report.warnings.push(...result.warnings);
  return result;
}

export async function runImport({
  db,
  storage,
  options,
  onProgress = () => {},
}: {
  db: Db;
  storage: MediaStorage;
  options: ImportOptions;
  onProgress?: (progress: ImportProgress) => void;
}): Promise<ImportReport> {
  const started = Date.now();
  const dryRun = options.dryRun ?? false;
  const batchSize = options.batchSize ?? 200;
  const siteOption = normalizeSiteUrl(options.siteUrl);
  if (options.siteUrl && !siteOption) throw new Error(`--site-url must be an http(s) address, not “${options.siteUrl}”.`);
  const sectionSlug = options.section ? slugify(options.section) : null;
  if (options.section && (!sectionSlug || !isValidSlug(sectionSlug)))
    throw new Error(`--section must be a section slug such as “news”, not “${options.section}”.`);
  const actor = await ensureImportActor(db, options.from, { create: !dryRun });
  const source = openExport(options.from, options.file, {
    termSections: !sectionSlug,
    sitePath: siteOption ? new URL(siteOption).pathname.replace(/\/+$/, '') : '',
  });

  onProgress({ phase: 'reading', done: 0, total: 0, postsPerSecond: null });
  const scanned = await source.scan();
  const siteUrl = siteOption ?? normalizeSiteUrl(scanned.siteUrl);
  const scope: ImportScope = { source: options.from, site: sourceKey(siteUrl ?? options.from) };
  const report = emptyReport({ source: options.from, file: options.file, site: scope.site, dryRun, startedAt: new Date(started) });
  report.warnings.push(...scanned.warnings);
  if (scanned.readError) {
    report.readError = scanned.readError;
    report.warnings.push({ code: 'read-error', message: `${scanned.readError} Everything before it is imported.` });
  }
  const library = new ImageLibrary({
    db,
    storage,
    actor,
    scope,
    fetch: { mediaDir: options.mediaDir ?? null, timeoutMs: options.imageTimeoutMs ?? 15_000, maxBytes: options.maxImageBytes },
    concurrency: options.imageConcurrency ?? 4,
    dryRun,
    report,
  });

  onProgress({ phase: 'taxonomy', done: 0, total: scanned.total, postsPerSecond: null });
  const defaultSection = {
    slug: sectionSlug ?? 'news',
    name: sectionSlug ? sectionSlug.replace(/-/g, ' ').replace(/^./, (c) => c.toUpperCase()) : 'News',
  };
  const taxonomy = await importTaxonomyStep({ db, actor, scope, library, siteUrl, dryRun, report }, scanned.taxonomy, defaultSection);

  // Posts and pages, in batches.
  const postsStarted = Date.now();
  let handled = 0;
  const tallyOf = (kind: 'post' | 'page'): Tally => (kind === 'post' ? report.articles : report.pages);
  const rate = () => handled / Math.max(0.001, (Date.now() - postsStarted) / 1000);
  const label = (post: SourcePost) =>
    `“${post.headline.slice(0, 80)}” (${options.from === 'wordpress' ? 'WordPress' : 'Ghost'} id ${post.sourceId})`;
  const buildContext = (post: SourcePost): BuildContext => ({
    taxonomy,
    siteUrl,
    label: label(post),
    copyOf: (src) => {
      if (dryRun) return { id: 'dry-run', src: '/media/dry-run.jpg', width: 1, height: 1 };
      const found = library.get(absoluteImageUrl(src, siteUrl));
      return 'missing' in found ? found : { id: found.id, src: mediaPath(found.storageKey), width: found.width, height: found.height };
    },
    heroOf: (url) => (dryRun ? { id: 'dry-run', alt: '', caption: '', credit: '' } : library.get(url)),
  });

  const record = (posts: ImportedPosts) => {
    for (const outcome of posts.items) {
      tallyOf(outcome.kind)[outcome.action] += 1;
      if (outcome.warning) report.warnings.push(outcome.warning);
    }
    report.redirects.written += posts.redirects;
    report.redirects.refused += posts.warnings.filter((w) => w.code === 'redirect').length;
    report.warnings.push(...posts.warnings);
  };

  const write = async (items: { item: Record<string, unknown>; post: SourcePost }[]) => {
    if (items.length === 0) return;
    try {
      record((await importPosts({ actor, db, input: { ...scope, items: items.map((i) => i.item) } })).result);
      return;
    } catch (error) {
      if (items.length === 1) throw error;
    }
    // One at a time, so one bad post costs only itself; all failing means the cause is not the posts.
    let failures = 0;
    let first: unknown = null;
    for (const one of items) {
      try {
        record((await importPosts({ actor, db, input: { ...scope, items: [one.item] } })).result);
      } catch (error) {
        failures += 1;
        first ??= error;
        tallyOf(one.post.kind).failed += 1;
        report.warnings.push({
          code: 'failed',
          message: `${label(one.post)} could not be imported: ${errorText(error)}`,
          item: one.post.sourceId,
        });
      }
    }
    if (failures === items.length) throw first;
  };

  const processBatch = async (posts: SourcePost[]) => {
    const withSums = posts.map((post) => ({ post, checksum: checksumOf({ v: MAPPING_VERSION, post, section: sectionSlug }) }));
    const { decisions } = await planImport(
      db,
      actor,
      scope,
      withSums.map(({ post, checksum }) => ({ kind: post.kind, sourceId: post.sourceId, checksum })),
    );
    const drafts: {
      post: SourcePost;
      checksum: string;
      action: string;
      body: BodyDocument;
      heroUrl: string | null;
      images: SourceImage[];
    }[] = [];
    for (const { post, checksum } of withSums) {
      const decision = decisions.get(`${post.kind}:${post.sourceId}`)!;
      // Unchanged since the last run: nothing to convert, fetch or write.
      if (decision.action === 'skip' && decision.reason === 'unchanged') {
        tallyOf(post.kind).skipped += 1;
        continue;
      }
      for (const note of post.notes) report.warnings.push({ code: 'mapped', message: `${label(post)}: ${note}`, item: post.sourceId });
      const { body, dropped } = htmlToBody(post.html);
      if (dropped.length)
        report.warnings.push({ code: 'dropped', message: `${label(post)}: left out ${dropped.join('; ')}.`, item: post.sourceId });
      const hero = post.featuredImage ? { ...post.featuredImage, url: absoluteImageUrl(post.featuredImage.url, siteUrl) } : null;
      const inline = body.content
        .filter((b): b is ImageNode => b.type === 'image')
        .map((b) => ({ url: absoluteImageUrl(b.attrs.src, siteUrl), alt: b.attrs.alt ?? '', caption: b.attrs.caption ?? '' }));
      drafts.push({
        post,
        checksum,
        action: decision.action,
        body,
        heroUrl: hero?.url ?? null,
        images: hero && post.kind === 'post' ? [hero, ...inline] : inline,
      });
    }
    await library.ensure(drafts.flatMap((d) => d.images));
    const ready: { item: Record<string, unknown>; post: SourcePost }[] = [];
    for (const draft of drafts) {
      const built = buildImportItem({ ...draft, heroUrl: draft.post.kind === 'post' ? draft.heroUrl : null }, buildContext(draft.post));
      if ('error' in built) {
        tallyOf(draft.post.kind).failed += 1;
        report.warnings.push({
          code: 'invalid',
          message: `${label(draft.post)} cannot be imported: ${built.error}`,
          item: draft.post.sourceId,
        });
        continue;
      }
      report.warnings.push(...built.warnings);
      if (dryRun) tallyOf(draft.post.kind)[draft.action === 'create' ? 'created' : draft.action === 'update' ? 'updated' : 'skipped'] += 1;
      else ready.push({ item: built.item, post: draft.post });
    }
    if (!dryRun) await write(ready);
  };

  const seen = new Set<string>();
  let batch: SourcePost[] = [];
  for await (const mapped of source.items()) {
    if ('skip' in mapped) {
      if (mapped.skip) report.warnings.push(mapped.skip);
      else report.passedOver += 1;
      continue;
    }
    const key = `${mapped.post.kind}:${mapped.post.sourceId}`;
    if (seen.has(key)) {
      report.warnings.push({
        code: 'duplicate',
        message: `${label(mapped.post)} appears twice in the export: the second is left out.`,
        item: mapped.post.sourceId,
      });
      continue;
    }
    seen.add(key);
    batch.push(mapped.post);
    if (batch.length >= batchSize) {
      await processBatch(batch);
      handled += batch.length;
      batch = [];
      onProgress({ phase: 'posts', done: handled, total: scanned.total, postsPerSecond: rate() });
    }
  }
  if (batch.length) {
    await processBatch(batch);
    handled += batch.length;
  }
  onProgress({ phase: 'posts', done: handled, total: scanned.total, postsPerSecond: handled ? rate() : null });
  report.finishedAt = new Date().toISOString();
  report.seconds = (Date.now() - started) / 1000;
  report.postsPerSecond = handled ? rate() : null;
  return report;
}
