import type { ImportWarning, SourceName } from '@/lib/import/source-model';

/**
 * What an import did (or, in a dry run, would do): counts per kind of row, the redirects, every
 * warning, and how fast it went. Written as JSON next to the export (or where `--report` says) and
 * summed up on the terminal by `summaryLines`. Pure.
 */

export type Tally = { created: number; updated: number; skipped: number; failed: number };

export type ImportReport = {
  source: SourceName;
  file: string;
  site: string;
  dryRun: boolean;
  startedAt: string;
  finishedAt: string | null;
  seconds: number;
  /** Posts and pages handled per second (created, updated, skipped or failed), in the posts phase. */
  postsPerSecond: number | null;
  articles: Tally;
  pages: Tally;
  sections: Tally;
  authors: Tally;
  tags: Tally;
  images: { downloaded: number; reused: number; failed: number };
  redirects: { written: number; refused: number };
  /** Items read but not imported on purpose: menus, revisions, attachments and the like. */
  passedOver: number;
  /** Set when the file could not be read to its end (broken XML, truncated JSON). */
  readError: string | null;
  warnings: ImportWarning[];
};

export const emptyTally = (): Tally => ({ created: 0, updated: 0, skipped: 0, failed: 0 });

export function emptyReport({
  source,
  file,
  site,
  dryRun,
  startedAt,
}: {
  source: SourceName;
  file: string;
  site: string;
  dryRun: boolean;
  startedAt: Date;
}): ImportReport {
  return {
    source,
    file,
    site,
    dryRun,
    startedAt: startedAt.toISOString(),
    finishedAt: null,
    seconds: 0,
    postsPerSecond: null,
    articles: emptyTally(),
    pages: emptyTally(),
    sections: emptyTally(),
    authors: emptyTally(),
    tags: emptyTally(),
    images: { downloaded: 0, reused: 0, failed: 0 },
    redirects: { written: 0, refused: 0 },
    passedOver: 0,
    readError: null,
    warnings: [],
  };
}

const n = (value: number) => value.toLocaleString('en');

function tallyLine(label: string, t: Tally, dryRun: boolean): string {
  const verb = dryRun ? ['would create', 'would update', 'would skip'] : ['created', 'updated', 'skipped'];
  return `  ${label.padEnd(9)} ${n(t.created)} ${verb[0]}, ${n(t.updated)} ${verb[1]}, ${n(t.skipped)} ${verb[2]}${t.failed ? `, ${n(t.failed)} failed` : ''}`;
}

/** The end-of-run summary for a person: counts, the rate, warnings grouped by kind with a few examples each, and where the full report is. */
export function summaryLines(report: ImportReport, reportPath: string | null, { examples = 3 }: { examples?: number } = {}): string[] {
  const lines = [
    `${report.dryRun ? 'Dry run (nothing was written)' : 'Import finished'}: ${report.source} export ${report.file}`,
    tallyLine('Articles', report.articles, report.dryRun),
    tallyLine('Pages', report.pages, report.dryRun),
    tallyLine('Sections', report.sections, report.dryRun),
    tallyLine('Authors', report.authors, report.dryRun),
    tallyLine('Tags', report.tags, report.dryRun),
    `  Images    ${n(report.images.downloaded)} ${report.dryRun ? 'to fetch' : 'stored'}, ${n(report.images.reused)} already in the library, ${n(report.images.failed)} missing`,
    `  Redirects ${n(report.redirects.written)} written, ${n(report.redirects.refused)} refused`,
  ];
  const handled =
    report.articles.created +
    report.articles.updated +
    report.articles.skipped +
    report.articles.failed +
    report.pages.created +
    report.pages.updated +
    report.pages.skipped +
    report.pages.failed;
  lines.push(
    `  ${n(handled)} posts and pages in ${report.seconds.toFixed(1)} s${report.postsPerSecond !== null ? ` (${n(Math.round(report.postsPerSecond))} posts/s)` : ''}; ${n(report.passedOver)} other items passed over.`,
  );
  if (report.readError) lines.push(`  The file could not be read to its end: ${report.readError}`);
  const groups = new Map<string, ImportWarning[]>();
  for (const w of report.warnings) groups.set(w.code, [...(groups.get(w.code) ?? []), w]);
  lines.push(`  ${n(report.warnings.length)} warnings${groups.size ? ':' : '.'}`);
  for (const [code, list] of groups) {
    lines.push(`    ${code} (${n(list.length)}):`);
    for (const w of list.slice(0, examples)) lines.push(`      - ${w.message.length > 300 ? `${w.message.slice(0, 300)}…` : w.message}`);
    if (list.length > examples) lines.push(`      … and ${n(list.length - examples)} more`);
  }
  if (reportPath) lines.push(`Full report: ${reportPath}`);
  return lines;
}
