import 'server-only';
import type { BodyDocument, ImageNode } from '@/lib/articles/body-schema';
import { htmlToBody } from '@/lib/articles/html-to-body';
import type { Actor } from '@/lib/auth/actor';
import type { Db } from '@/lib/db';
import { isAppError } from '@/lib/errors';
import { fetchImage, type ImageFetchOptions } from '@/lib/import/fetch-image';
import { ensureImportActor } from '@/lib/import/import-actor';
import { importImages, type ImportedImage } from '@/lib/import/import-images';
import { importItemSchema, importPosts, planImport, type ImportedPosts } from '@/lib/import/import-posts';
import { emptyReport, type ImportReport, type Tally } from '@/lib/import/import-report';
import { importTaxonomy, type ImportedTaxonomy } from '@/lib/import/import-taxonomy';
import { loadImported, sourceKey, type ImportScope } from '@/lib/import/import-writes';
import { openExport } from '@/lib/import/read-source';
import { rewriteImportedBody, type LibraryCopy } from '@/lib/import/rewrite-body';
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

/** A post converted, waiting for its images. */
type Draft = {
  post: SourcePost;
  checksum: string;
  action: 'create' | 'update' | 'skip';
  body: BodyDocument;
  images: SourceImage[];
  hero: SourceImage | null;
};

/** Ids per source id, as the taxonomy step answered. */
type Taxonomy = Pick<ImportedTaxonomy, 'defaultSection' | 'sections' | 'authors' | 'tags'>;

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

  // Sections, authors and tags.
  onProgress({ phase: 'taxonomy', done: 0, total: scanned.total, postsPerSecond: null });
  const { sections, authors, tags } = scanned.taxonomy;
  await library.ensure(authors.flatMap((a) => (a.photo ? [{ ...a.photo, url: absoluteImageUrl(a.photo.url, siteUrl) }] : [])));
  const photoOf = (url: string | undefined) => {
    const found = url ? library.get(absoluteImageUrl(url, siteUrl)) : null;
    return found && !('missing' in found) && !dryRun ? found.id : null;
  };
  const defaultSection = {
    slug: sectionSlug ?? 'news',
    name: sectionSlug ? sectionSlug.replace(/-/g, ' ').replace(/^./, (c) => c.toUpperCase()) : 'News',
  };
  let taxonomy: Taxonomy;
  if (dryRun) {
    const ref = (sourceId: string, slug: string, name: string) => [sourceId, { id: 'dry-run', slug, name }] as const;
    taxonomy = {
      defaultSection: { id: 'dry-run', ...defaultSection },
      sections: Object.fromEntries(sections.map((s) => ref(s.sourceId, s.slug, s.name))),
      authors: Object.fromEntries(authors.map((a) => ref(a.sourceId, a.slug, a.name))),
      tags: Object.fromEntries(tags.map((t) => ref(t.sourceId, t.slug, t.name))),
    };
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
  } else {
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
    taxonomy = result;
    for (const kind of ['sections', 'authors', 'tags'] as const) Object.assign(report[kind], result.counts[kind]);
    report.redirects.written += result.redirects;
    report.redirects.refused += result.warnings.filter((w) => w.code === 'redirect').length;
    report.warnings.push(...result.warnings);
  }

  // Posts and pages, in batches.
  const postsStarted = Date.now();
  let handled = 0;
  const tallyOf = (kind: 'post' | 'page'): Tally => (kind === 'post' ? report.articles : report.pages);
  const rate = () => handled / Math.max(0.001, (Date.now() - postsStarted) / 1000);
  const label = (post: SourcePost) =>
    `“${post.headline.slice(0, 80)}” (${options.from === 'wordpress' ? 'WordPress' : 'Ghost'} id ${post.sourceId})`;

  const prepare = (draft: Draft): { item: Record<string, unknown> } | { error: string } => {
    const { post } = draft;
    const missing: string[] = [];
    const copyOf = (src: string): LibraryCopy => {
      const found = library.get(absoluteImageUrl(src, siteUrl));
      return 'missing' in found ? found : { id: found.id, src: mediaPath(found.storageKey), width: found.width, height: found.height };
    };
    const body = rewriteImportedBody(draft.body, {
      siteUrl,
      copyOf: dryRun ? () => ({ id: 'dry-run', src: '/media/dry-run.jpg', width: 1, height: 1 }) : copyOf,
      missing,
    });
    const base = { sourceId: post.sourceId, createdAt: post.createdAt, modifiedAt: post.modifiedAt, oldUrls: post.oldUrls.slice(0, 10) };
    // Checked as the operation will check it, so one bad item never fails its batch.
    const checked = (item: Record<string, unknown>) => {
      const parsed = importItemSchema.safeParse(item);
      return parsed.success ? { item } : { error: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') };
    };
    if (post.kind === 'page') {
      const page = { title: post.headline, slug: post.slug, standfirst: post.standfirst, body, showInFooter: false };
      return checked({ ...base, kind: 'page', checksum: draft.checksum, complete: missing.length === 0, page });
    }
    let hero: { heroImageId: string; heroAlt: string; heroCaption: string; heroCredit: string } | null = null;
    if (draft.hero && !dryRun) {
      const found = library.get(draft.hero.url);
      if ('missing' in found) missing.push(`the featured image ${draft.hero.url} (${found.missing})`);
      else hero = { heroImageId: found.id, heroAlt: found.alt, heroCaption: found.caption, heroCredit: found.credit };
    }
    const tagNames = [
      ...new Map(
        post.tagSourceIds
          .map((id) => taxonomy.tags[id])
          .filter((t) => !!t)
          .map((t) => [t.slug, t.name]),
      ).values(),
    ];
    if (tagNames.length > 30)
      report.warnings.push({
        code: 'mapped',
        message: `${label(post)}: it had ${tagNames.length} tags; the first 30 are kept.`,
        item: post.sourceId,
      });
    const content = {
      headline: post.headline,
      slug: post.slug,
      standfirst: post.standfirst,
      body,
      sectionId: (post.sectionSourceId && taxonomy.sections[post.sectionSourceId]?.id) || taxonomy.defaultSection.id,
      authorIds: [...new Set(post.authorSourceIds.map((id) => taxonomy.authors[id]?.id).filter((id): id is string => !!id))].slice(0, 20),
      tagNames: tagNames.slice(0, 30),
      ...(hero ?? {}),
      seoTitle: post.seoTitle,
      seoDescription: post.seoDescription,
      canonicalUrl: post.canonicalUrl,
    };
    const result = checked({
      ...base,
      kind: 'post',
      checksum: draft.checksum,
      complete: missing.length === 0,
      status: post.status,
      publishedAt: post.publishedAt,
      scheduledAt: post.scheduledAt,
      content,
    });
    if (!('error' in result))
      for (const m of missing)
        report.warnings.push({ code: 'image-missing', message: `${label(post)}: ${m} is not imported.`, item: post.sourceId });
    return result;
  };

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
    const drafts: Draft[] = [];
    for (const { post, checksum } of withSums) {
      const decision = decisions.get(`${post.kind}:${post.sourceId}`)!;
      if (decision.action === 'skip' && decision.reason === 'unchanged') {
        tallyOf(post.kind).skipped += 1;
        continue;
      }
      for (const note of post.notes) report.warnings.push({ code: 'mapped', message: `${label(post)}: ${note}`, item: post.sourceId });
      const { body, dropped } = htmlToBody(post.html);
      if (dropped.length)
        report.warnings.push({ code: 'dropped', message: `${label(post)}: left out ${dropped.join('; ')}.`, item: post.sourceId });
      const images = body.content
        .filter((b): b is ImageNode => b.type === 'image')
        .map((b) => ({ url: absoluteImageUrl(b.attrs.src, siteUrl), alt: b.attrs.alt ?? '', caption: b.attrs.caption ?? '' }));
      const hero = post.featuredImage ? { ...post.featuredImage, url: absoluteImageUrl(post.featuredImage.url, siteUrl) } : null;
      drafts.push({ post, checksum, action: decision.action, body, images, hero });
    }
    await library.ensure(drafts.flatMap((d) => [...(d.hero ? [d.hero] : []), ...d.images]));
    const ready: { item: Record<string, unknown>; post: SourcePost }[] = [];
    for (const draft of drafts) {
      const prepared = prepare(draft);
      if ('error' in prepared) {
        tallyOf(draft.post.kind).failed += 1;
        report.warnings.push({
          code: 'invalid',
          message: `${label(draft.post)} cannot be imported: ${prepared.error}`,
          item: draft.post.sourceId,
        });
      } else if (dryRun) {
        tallyOf(draft.post.kind)[draft.action === 'create' ? 'created' : draft.action === 'update' ? 'updated' : 'skipped'] += 1;
      } else ready.push({ item: prepared.item, post: draft.post });
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
