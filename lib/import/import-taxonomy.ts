import 'server-only';
import { z } from 'zod';
import { assertCan } from '@/lib/auth/permissions';
import { importScopeSchema } from '@/lib/import/schemas';
import { decideImportItem } from '@/lib/import/decide-import-item';
import {
  clearRedirectsFrom,
  firstFreeSlug,
  loadImported,
  saveImported,
  writeImportRedirects,
  type ImportedRow,
} from '@/lib/import/import-writes';
import type { ImportWarning } from '@/lib/import/source-model';
import { contentScope } from '@/lib/operations/content-scope';
import { dbOf, parseInput, recordChange, type OperationArgs, type Outcome } from '@/lib/operations/operation';
import { authorPath, sectionPath, tagPath } from '@/lib/routes';
import { sectionSlugProblem } from '@/lib/sections/decide-section-slug';
import { upsertTags } from '@/lib/tags/upsert-tags';
import { isValidSlug, slugify } from '@/lib/text/slug';
import { isStorableText } from '@/lib/text/storable-text';

const text = (max: number) => z.string().trim().max(max).refine(isStorableText);
const slug = z.string().refine(isValidSlug);
const sourceId = z.string().min(1).max(500);
const oldUrls = z.array(z.string().max(2048)).max(10).default([]);
const checksum = z.string().max(200);

const importTaxonomySchema = z.strictObject({
  ...importScopeSchema,
  /** Where posts without a section go: this section (by slug), created with `name` when missing. */
  defaultSection: z.strictObject({ slug, name: text(120).min(1) }),
  sections: z
    .array(z.strictObject({ sourceId, checksum, name: text(120).min(1), slug, description: text(500).nullable(), oldUrls }))
    .max(10_000),
  authors: z
    .array(
      z.strictObject({
        sourceId,
        checksum,
        name: text(120).min(1),
        slug,
        bio: text(2000).nullable(),
        photoId: z.string().max(40).nullable(),
        oldUrls,
      }),
    )
    .max(10_000),
  tags: z.array(z.strictObject({ sourceId, checksum, name: text(60).min(1), oldUrls })).max(100_000),
});

type Ref = { id: string; slug: string; name: string };
export type ImportedTaxonomy = {
  defaultSection: Ref;
  sections: Record<string, Ref>;
  authors: Record<string, Ref>;
  tags: Record<string, Ref>;
  counts: Record<'sections' | 'authors' | 'tags', { created: number; updated: number; skipped: number }>;
  redirects: number;
  warnings: ImportWarning[];
};

/** A slug a section may have: reserved paths (/about, /search…) get `-section`. */
function sectionSlugFor(base: string): string {
  if (!sectionSlugProblem(base)) return base;
  return slugify(`${base.slice(0, 70)}-section`);
}

/** The checksum of a source item that joined a row the newsroom already had: the import never changes that row. */
const JOINED = 'joined-existing';

/** The decision for an item given its ImportedItem row and Masthead row; a joined row is never updated. */
function decide(before: ImportedRow | undefined, row: { updatedAt: Date } | undefined, checksum: string) {
  if (before?.checksum === JOINED && row) return { action: 'skip', reason: 'unchanged' } as const;
  return decideImportItem(
    before ? { checksum: before.checksum, targetExists: !!row, editedSince: !!row && editedSince(row, before) } : null,
    checksum,
  );
}

/** The checksum to keep: the new one once written, the old one while an edit in Masthead holds the change back. */
const keptChecksum = (decision: ReturnType<typeof decide>, before: ImportedRow | undefined, checksum: string, joined: boolean) =>
  joined ? JOINED : decision.action === 'skip' ? (before?.checksum ?? checksum) : checksum;

/** True when the row changed in Masthead after the import last wrote it. */
const editedSince = (row: { updatedAt: Date }, imported: ImportedRow | undefined) =>
  !!imported && row.updatedAt.getTime() > imported.updatedAt.getTime() + 1000;

/**
 * Creates or updates what an export's posts are filed under and written by (`import:content`):
 * sections (WordPress categories, Ghost primary tags), authors (with bio and photo) and tags, each
 * recorded in ImportedItem. A section or tag whose slug Masthead already has is joined, not doubled;
 * an author of the same slug and name too (another name gets a slug of its own). What the newsroom
 * edited since the last import is kept. Old archive addresses (/category/x/, /tag/x/, /author/x/)
 * answer 301. One transaction, audited once `import.taxonomy`.
 */
export async function importTaxonomy(ctx: OperationArgs): Promise<Outcome<ImportedTaxonomy>> {
  const { actor, ip } = ctx;
  assertCan(actor, 'import:content');
  const input = parseInput(importTaxonomySchema, ctx.input);
  const scope = { source: input.source, site: input.site };
  return dbOf(ctx).$transaction(
    async (tx) => {
      const warnings: ImportWarning[] = [];
      const counts = {
        sections: { created: 0, updated: 0, skipped: 0 },
        authors: { created: 0, updated: 0, skipped: 0 },
        tags: { created: 0, updated: 0, skipped: 0 },
      };
      const redirects: { from: string; to: string }[] = [];
      const livePaths: string[] = [];
      let position = ((await tx.section.aggregate({ where: { parentId: null }, _max: { position: true } }))._max.position ?? -1) + 1;

      const createSection = async (name: string, wanted: string, description: string | null): Promise<Ref & { joined: boolean }> => {
        const slugWanted = sectionSlugFor(wanted);
        const same = await tx.section.findUnique({ where: { slug: slugWanted }, select: { id: true, slug: true, name: true } });
        if (same) return { ...same, joined: true };
        const created = await tx.section.create({
          data: { name, slug: slugWanted, description, position: position++ },
          select: { id: true, slug: true, name: true },
        });
        livePaths.push(sectionPath(created.slug));
        return { ...created, joined: false };
      };
      /**
       * Sections and authors alike: per item, create (or join a row of the same slug), update when the
       * export changed and Masthead did not, or keep; recorded in ImportedItem, old addresses to 301.
       */
      const importNamed = async <I extends { sourceId: string; checksum: string; name: string; oldUrls: string[] }>(
        what: 'section' | 'author',
        items: readonly I[],
        ops: {
          rows: (ids: string[]) => Promise<(Ref & { updatedAt: Date })[]>;
          create: (item: I) => Promise<Ref & { joined: boolean }>;
          update: (id: string, item: I) => Promise<Ref>;
          pathOf: (slug: string) => string;
        },
      ): Promise<Record<string, Ref>> => {
        const kind = what === 'section' ? 'category' : 'author';
        const tally = counts[what === 'section' ? 'sections' : 'authors'];
        const refs: Record<string, Ref> = {};
        const imported = await loadImported(
          tx,
          scope,
          kind,
          items.map((i) => i.sourceId),
        );
        const byId = new Map((await ops.rows([...imported.values()].map((r) => r.targetId))).map((r) => [r.id, r]));
        const saved: { sourceId: string; targetId: string; checksum: string }[] = [];
        for (const item of items) {
          const before = imported.get(item.sourceId);
          const row = before ? byId.get(before.targetId) : undefined;
          const decision = decide(before, row, item.checksum);
          let ref: Ref;
          let joined = before?.checksum === JOINED;
          if (decision.action === 'create') {
            const made = await ops.create(item);
            ({ joined } = made);
            ref = { id: made.id, slug: made.slug, name: made.name };
            tally[joined ? 'skipped' : 'created'] += 1;
            if (joined)
              warnings.push({
                code: what,
                message: `“${item.name}” joins the ${what} “${ref.name}” Masthead already has (/${ref.slug}).`,
                item: item.sourceId,
              });
          } else if (decision.action === 'update') {
            ref = await ops.update(row!.id, item);
            tally.updated += 1;
          } else {
            ref = { id: row!.id, slug: row!.slug, name: row!.name };
            tally.skipped += 1;
            if (decision.reason === 'edited-in-masthead') {
              warnings.push({
                code: 'edited-in-masthead',
                message: `The ${what} “${ref.name}” changed in the export but was edited in Masthead since the last import: Masthead’s version is kept.`,
                item: item.sourceId,
              });
            }
          }
          refs[item.sourceId] = ref;
          saved.push({ sourceId: item.sourceId, targetId: ref.id, checksum: keptChecksum(decision, before, item.checksum, joined) });
          for (const from of item.oldUrls) redirects.push({ from, to: ops.pathOf(ref.slug) });
        }
        await saveImported(tx, scope, kind, saved, imported);
        return refs;
      };
      const named = { id: true, slug: true, name: true } as const;

      const sections = await importNamed('section', input.sections, {
        rows: (ids) => tx.section.findMany({ where: { id: { in: ids } }, select: { ...named, updatedAt: true } }),
        create: (s) => createSection(s.name, s.slug, s.description),
        update: (id, s) =>
          tx.section.update({
            where: { id },
            data: { name: s.name, description: s.description, version: { increment: 1 } },
            select: named,
          }),
        pathOf: sectionPath,
      });
      const defaultSection = await createSection(input.defaultSection.name, input.defaultSection.slug, null);

      const authorData = (a: (typeof input.authors)[number]) => ({
        name: a.name,
        bio: a.bio,
        ...(a.photoId ? { photoId: a.photoId } : {}),
      });
      const authors = await importNamed('author', input.authors, {
        rows: (ids) => tx.author.findMany({ where: { id: { in: ids } }, select: { ...named, updatedAt: true } }),
        async create(a) {
          const same = await tx.author.findUnique({ where: { slug: a.slug }, select: named });
          if (same && same.name === a.name) return { ...same, joined: true };
          const slug = await firstFreeSlug(
            a.slug,
            async (s) => !!(await tx.author.findUnique({ where: { slug: s }, select: { id: true } })),
          );
          const created = await tx.author.create({ data: { ...authorData(a), slug }, select: named });
          livePaths.push(authorPath(created.slug));
          return { ...created, joined: false };
        },
        update: (id, a) => tx.author.update({ where: { id }, data: { ...authorData(a), version: { increment: 1 } }, select: named }),
        pathOf: authorPath,
      });

      // Tags: one per slug, shared with what the newsroom already tags.
      const tags: Record<string, Ref> = {};
      const importedTags = await loadImported(
        tx,
        scope,
        'tag',
        input.tags.map((t) => t.sourceId),
      );
      const knownSlugs = new Set(
        (await tx.tag.findMany({ where: { slug: { in: input.tags.map((t) => slugify(t.name)) } }, select: { slug: true } })).map(
          (t) => t.slug,
        ),
      );
      const ids = await upsertTags(
        tx,
        input.tags.map((t) => t.name),
      );
      const tagRows = new Map(
        (await tx.tag.findMany({ where: { id: { in: ids } }, select: { id: true, slug: true, name: true } })).map((t) => [t.slug, t]),
      );
      const savedTags: { sourceId: string; targetId: string; checksum: string }[] = [];
      for (const t of input.tags) {
        const ref = tagRows.get(slugify(t.name));
        if (!ref) continue;
        tags[t.sourceId] = ref;
        counts.tags[importedTags.has(t.sourceId) || knownSlugs.has(ref.slug) ? 'skipped' : 'created'] += 1;
        savedTags.push({ sourceId: t.sourceId, targetId: ref.id, checksum: t.checksum });
        for (const from of t.oldUrls) redirects.push({ from, to: tagPath(ref.slug) });
      }
      await saveImported(tx, scope, 'tag', savedTags, importedTags);

      await clearRedirectsFrom(tx, livePaths);
      const written = await writeImportRedirects(tx, redirects);
      for (const r of written.refused) warnings.push({ code: 'redirect', message: `No redirect from ${r.from}: ${r.reason}.` });
      const changed =
        written.written > 0 || (['sections', 'authors', 'tags'] as const).some((k) => counts[k].created + counts[k].updated > 0);
      if (!changed) return { result: { defaultSection, sections, authors, tags, counts, redirects: 0, warnings }, change: null };
      const change = await recordChange(tx, {
        actor,
        ip,
        action: 'import.taxonomy',
        targetType: 'Import',
        targetId: input.site,
        detail: { source: input.source, sections: counts.sections, authors: counts.authors, tags: counts.tags, redirects: written.written },
        content:
          livePaths.length || counts.sections.updated || counts.authors.updated
            ? contentScope({
                sectionSlugs: Object.values(sections).map((s) => s.slug),
                authorSlugs: Object.values(authors).map((a) => a.slug),
                lists: true,
              })
            : null,
      });
      return { result: { defaultSection, sections, authors, tags, counts, redirects: written.written, warnings }, change };
    },
    { timeout: 120_000 },
  );
}
