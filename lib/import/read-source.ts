import { createReadStream } from 'node:fs';
import { readGhost } from '@/lib/import/ghost-reader';
import { addToGhostCatalog, emptyGhostCatalog, GHOST_TABLES, ghostNotes, ghostTaxonomy, mapGhostPost } from '@/lib/import/map-ghost';
import {
  addToWordPressCatalog,
  emptyWordPressCatalog,
  mapWordPressItem,
  wordPressNotes,
  wordPressSiteUrl,
  wordPressTaxonomy,
} from '@/lib/import/map-wordpress';
import type { ImportWarning, MappedItem, SourceAuthor, SourceName, SourceSection, SourceTag } from '@/lib/import/source-model';
import { readWxr } from '@/lib/import/wxr-reader';

/**
 * An export file as the import reads it, in two streaming passes: `scan` (everything posts refer to:
 * people, terms, attachments, join tables, and how many items there are) and `items` (each post or
 * page, mapped). Neither holds more than one item of the file in memory; the catalog of the first pass
 * is what stays (ids, names, image addresses, joins).
 */
export type SourceScan = {
  /** The old site's address, when the export says (WordPress does; Ghost does not). */
  siteUrl: string | null;
  /** Posts and pages in the file. */
  total: number;
  taxonomy: { sections: SourceSection[]; authors: SourceAuthor[]; tags: SourceTag[] };
  warnings: ImportWarning[];
  readError: string | null;
};

export type ExportSource = { scan(): Promise<SourceScan>; items(): AsyncIterable<MappedItem> };

const chunksOf = (file: string) => createReadStream(file, { highWaterMark: 256 * 1024 });

function wordPressSource(file: string, { categorySections }: { categorySections: boolean }): ExportSource {
  const catalog = emptyWordPressCatalog();
  return {
    async scan() {
      for await (const record of readWxr(chunksOf(file))) addToWordPressCatalog(catalog, record, { categorySections });
      return {
        siteUrl: wordPressSiteUrl(catalog.site),
        total: catalog.items,
        taxonomy: wordPressTaxonomy(catalog, { categorySections }),
        warnings: wordPressNotes(catalog),
        readError: catalog.error,
      };
    },
    async *items() {
      for await (const record of readWxr(chunksOf(file)))
        if (record.type === 'item') yield mapWordPressItem(record.item, catalog, { categorySections });
    },
  };
}

function ghostSource(file: string, { primaryTagSections, sitePath }: { primaryTagSections: boolean; sitePath: string }): ExportSource {
  const catalog = emptyGhostCatalog();
  let total = 0;
  return {
    async scan() {
      for await (const record of readGhost(chunksOf(file), GHOST_TABLES)) {
        if (record.type === 'error') catalog.error = record.message;
        else if (record.type === 'meta') catalog.meta = record.meta;
        else {
          if (record.table === 'posts') total += 1;
          addToGhostCatalog(catalog, record.table, record.row);
        }
      }
      return {
        siteUrl: null,
        total,
        taxonomy: ghostTaxonomy(catalog, { primaryTagSections, sitePath }),
        warnings: ghostNotes(catalog),
        readError: catalog.error,
      };
    },
    async *items() {
      for await (const record of readGhost(chunksOf(file), new Set(['posts'])))
        if (record.type === 'row') yield mapGhostPost(record.row, catalog, { primaryTagSections, sitePath });
    },
  };
}

/** The reader of an export of `from`; `termSections` false (a `--section`) files every post in the default section, its terms all tags. */
export function openExport(
  from: SourceName,
  file: string,
  { termSections, sitePath }: { termSections: boolean; sitePath: string },
): ExportSource {
  return from === 'wordpress'
    ? wordPressSource(file, { categorySections: termSections })
    : ghostSource(file, { primaryTagSections: termSections, sitePath });
}
