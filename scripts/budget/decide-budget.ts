/**
 * The performance budgets of reader pages and the check against them: pure, so the figures and the
 * messages can be tested without a browser.
 */

export const BUDGET = {
  /** JavaScript transferred (compressed), bytes: the line the Guardian holds. */
  jsBytes: 120 * 1024,
  /** Lighthouse mobile scores, 0–100; performance is the median of the runs. */
  performance: 95,
  accessibility: 100,
  bestPractices: 100,
  seo: 100,
} as const;

export type PageFigures = {
  page: string;
  path: string;
  weight: { jsBytes: number; totalBytes: number; requests: number; jsRequests: number };
  lighthouse: {
    /** Performance score of every run, 0–100. */
    performanceRuns: number[];
    performance: number;
    accessibility: number;
    bestPractices: number;
    seo: number;
    lcpMs: number;
    tbtMs: number;
    cls: number;
    /** Titles of failed audits in the non-performance categories, to say what to fix. */
    failedAudits: string[];
  };
};

/** The median of a non-empty list. */
export function median(values: number[]): number {
  if (values.length === 0) throw new Error('median of nothing');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

/** A page that answered something other than 200, so it could not be measured. */
export type UnreachablePage = { page: string; path: string; status: number };

/** One clear message per broken budget or unreachable page, naming the page and the figure; empty when all hold. */
export function checkBudgets(pages: PageFigures[], unreachable: UnreachablePage[] = []): string[] {
  const failures = unreachable.map((m) => `${m.page} (${m.path}): answered HTTP ${m.status}, so it could not be measured`);
  for (const p of pages) {
    const where = `${p.page} (${p.path})`;
    if (p.weight.jsBytes > BUDGET.jsBytes) failures.push(`${where}: JavaScript transferred ${kb(p.weight.jsBytes)} is over the budget of ${kb(BUDGET.jsBytes)}`);
    const l = p.lighthouse;
    if (l.performance < BUDGET.performance)
      failures.push(`${where}: Lighthouse performance ${l.performance} (median of ${l.performanceRuns.join(', ')}) is below ${BUDGET.performance} (LCP ${Math.round(l.lcpMs)} ms, TBT ${Math.round(l.tbtMs)} ms, CLS ${l.cls.toFixed(3)})`);
    const fixes = l.failedAudits.length ? ` — failing audits: ${l.failedAudits.join('; ')}` : '';
    if (l.accessibility < BUDGET.accessibility) failures.push(`${where}: Lighthouse accessibility ${l.accessibility} is below ${BUDGET.accessibility}${fixes}`);
    if (l.bestPractices < BUDGET.bestPractices) failures.push(`${where}: Lighthouse best practices ${l.bestPractices} is below ${BUDGET.bestPractices}${fixes}`);
    if (l.seo < BUDGET.seo) failures.push(`${where}: Lighthouse SEO ${l.seo} is below ${BUDGET.seo}${fixes}`);
  }
  return failures;
}

/** The budget table printed by `npm run budget`. */
export function formatBudgetTable(pages: PageFigures[], missing: UnreachablePage[]): string {
  const lines = [
    '| Page | JS (≤ 120 KB) | Total transfer | Requests | Performance (runs) | A11y | Best pr. | SEO | LCP | TBT | CLS |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const p of pages) {
    const l = p.lighthouse;
    lines.push(
      `| ${p.page} | ${kb(p.weight.jsBytes)} (${p.weight.jsRequests} files) | ${kb(p.weight.totalBytes)} | ${p.weight.requests} | ${l.performance} (${l.performanceRuns.join(', ')}) | ${l.accessibility} | ${l.bestPractices} | ${l.seo} | ${Math.round(l.lcpMs)} ms | ${Math.round(l.tbtMs)} ms | ${l.cls.toFixed(3)} |`,
    );
  }
  for (const m of missing) lines.push(`| ${m.page} | missing: \`${m.path}\` answered HTTP ${m.status} | | | | | | | | | |`);
  return lines.join('\n');
}
