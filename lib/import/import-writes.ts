import 'server-only';
import { createHash } from 'node:crypto';
import type { Prisma } from '@/lib/generated/prisma/client';
import { decideImportRedirects, oldUrlKey, type RedirectCandidate, type RefusedRedirect } from '@/lib/import/decide-import-redirects';
import type { SourceName } from '@/lib/import/source-model';

// What the import operations (lib/import/import-<what>.ts) share: their ImportedItem rows and their
// redirects. Not operations.

export type Tx = Prisma.TransactionClient;

export type ImportScope = { source: SourceName; site: string };

/** An id of the source as ImportedItem keeps it: as given, or its hash when too long for the unique index (long image URLs). */
export function sourceKey(id: string): string {
  return id.length <= 500 ? id : `sha256:${createHash('sha256').update(id).digest('base64url')}`;
}

export type ImportedRow = { id: string; sourceId: string; targetId: string; checksum: string | null; updatedAt: Date };

/** The ImportedItem rows of these source ids (by `sourceKey`), keyed by the id as given. */
export async function loadImported(
  tx: Tx,
  scope: ImportScope,
  kind: string,
  sourceIds: readonly string[],
): Promise<Map<string, ImportedRow>> {
  if (sourceIds.length === 0) return new Map();
  const byKey = new Map(sourceIds.map((id) => [sourceKey(id), id]));
  const rows = await tx.importedItem.findMany({
    where: { source: scope.source, site: scope.site, kind, sourceId: { in: [...byKey.keys()] } },
    select: { id: true, sourceId: true, targetId: true, checksum: true, updatedAt: true },
  });
  return new Map(rows.map((r) => [byKey.get(r.sourceId)!, r]));
}

/** Records what these source ids became: new rows in one statement, changed ones one by one. */
export async function saveImported(
  tx: Tx,
  scope: ImportScope,
  kind: string,
  rows: readonly { sourceId: string; targetId: string; checksum: string | null }[],
  existing: ReadonlyMap<string, ImportedRow>,
): Promise<void> {
  const fresh = rows.filter((r) => !existing.has(r.sourceId));
  if (fresh.length)
    await tx.importedItem.createMany({
      data: fresh.map((r) => ({ ...scope, kind, sourceId: sourceKey(r.sourceId), targetId: r.targetId, checksum: r.checksum })),
    });
  for (const r of rows) {
    const before = existing.get(r.sourceId);
    if (before) await tx.importedItem.update({ where: { id: before.id }, data: { targetId: r.targetId, checksum: r.checksum } });
  }
}

/** `base`, or `base-2`, `base-3`…: the first slug `taken` says is free (sections, authors, pages; articles use freeSlugIn). */
export async function firstFreeSlug(base: string, taken: (slug: string) => Promise<boolean>): Promise<string> {
  let slug = base;
  for (let i = 2; await taken(slug); i++) slug = `${base.slice(0, 75)}-${i}`;
  return slug;
}

/**
 * The paths among `keys` that are live pages now: a section front, an article. Indexed lookups only:
 * the sections named by a first segment, then the articles of those sections by slug.
 */
async function livePathsAmong(tx: Tx, keys: readonly string[]): Promise<Set<string>> {
  const pairs = keys.map((k) => /^\/([^/?]+)(?:\/([^/?]+))?$/.exec(k)).filter((m): m is RegExpExecArray => m !== null);
  const firsts = [...new Set(pairs.map((m) => m[1]!))];
  const live = new Set<string>();
  if (firsts.length === 0) return live;
  const sections = await tx.section.findMany({ where: { slug: { in: firsts } }, select: { id: true, slug: true } });
  const bySlug = new Map(sections.map((s) => [s.slug, s.id]));
  const slugsIn = new Map<string, string[]>();
  for (const [, first, second] of pairs) {
    const sectionId = bySlug.get(first!);
    if (!sectionId) continue;
    if (second === undefined) live.add(`/${first}`);
    else slugsIn.set(sectionId, [...(slugsIn.get(sectionId) ?? []), second]);
  }
  if (slugsIn.size) {
    const articles = await tx.article.findMany({
      where: { OR: [...slugsIn].map(([sectionId, slugs]) => ({ sectionId, slug: { in: slugs } })) },
      select: { slug: true, section: { select: { slug: true } } },
    });
    for (const a of articles) live.add(`/${a.section.slug}/${a.slug}`);
  }
  return live;
}

/**
 * Writes the 301s from old addresses to new paths (decideImportRedirects): a new row per old address.
 * An address that already redirects elsewhere (another import, a move in Masthead) keeps its row and is
 * reported: an import never takes over an address. Returns how many rows were written and what was refused.
 */
export async function writeImportRedirects(
  tx: Tx,
  candidates: readonly RedirectCandidate[],
): Promise<{ written: number; refused: RefusedRedirect[] }> {
  if (candidates.length === 0) return { written: 0, refused: [] };
  const keys = [...new Set(candidates.map((c) => oldUrlKey(c.from)).filter((k): k is string => k !== null))];
  const plan = decideImportRedirects({ candidates, livePaths: await livePathsAmong(tx, keys) });
  if (plan.rows.length === 0) return { written: 0, refused: plan.refused };
  const existing = new Map(
    (
      await tx.redirect.findMany({
        where: { fromPath: { in: plan.rows.map((r) => r.fromPath) } },
        select: { fromPath: true, toPath: true },
      })
    ).map((r) => [r.fromPath, r.toPath]),
  );
  const fresh = plan.rows.filter((r) => !existing.has(r.fromPath));
  if (fresh.length) await tx.redirect.createMany({ data: fresh });
  const taken = plan.rows.flatMap((r) => {
    const before = existing.get(r.fromPath);
    const from = candidates.find((c) => oldUrlKey(c.from) === r.fromPath)?.from ?? r.fromPath;
    return before !== undefined && before !== r.toPath ? [{ from, reason: `${r.fromPath} already redirects to ${before}` }] : [];
  });
  return { written: fresh.length, refused: [...plan.refused, ...taken] };
}

/** Drops the redirects from paths that now have a page of their own (what the import just created). */
export async function clearRedirectsFrom(tx: Tx, paths: readonly string[]): Promise<void> {
  if (paths.length) await tx.redirect.deleteMany({ where: { fromPath: { in: [...paths] } } });
}
