import { describe, expect, it } from 'vitest';
import { checkBudgets, formatBudgetTable, median, cpuSlowdownFor, needsSecondRound, type PageFigures } from './decide-budget';

const good: PageFigures = {
  page: 'article',
  path: '/life-sciences/x',
  weight: { jsBytes: 100 * 1024, totalBytes: 300 * 1024, requests: 12, jsRequests: 6 },
  lighthouse: {
    performanceRuns: [97, 99, 98],
    performance: 98,
    accessibility: 100,
    bestPractices: 100,
    seo: 100,
    lcpMs: 1800,
    tbtMs: 20,
    cls: 0,
    failedAudits: [],
  },
};

describe('median', () => {
  it('takes the middle value', () => {
    expect(median([99, 80, 97])).toBe(97);
    expect(median([1, 2, 3, 4])).toBe(2.5);
  });
});

describe('checkBudgets', () => {
  it('passes a page within every budget', () => {
    expect(checkBudgets([good])).toEqual([]);
  });
  it('fails a page that did not answer 200, naming it and the status', () => {
    expect(checkBudgets([good], [{ page: 'section', path: '/life-sciences', status: 404 }])).toEqual([
      'section (/life-sciences): answered HTTP 404, so it could not be measured',
    ]);
  });
  it('names the page and the figure over the JS budget', () => {
    const heavy = { ...good, weight: { ...good.weight, jsBytes: 130 * 1024 } };
    expect(checkBudgets([heavy])).toEqual(['article (/life-sciences/x): JavaScript transferred 130.0 KB is over the budget of 120.0 KB']);
  });
  it('reports a low performance median with its runs and metrics', () => {
    const slow = { ...good, lighthouse: { ...good.lighthouse, performanceRuns: [90, 94, 96], performance: 94, lcpMs: 3100.4 } };
    expect(checkBudgets([slow])[0]).toBe(
      'article (/life-sciences/x): Lighthouse performance 94 (median of 90, 94, 96) is below 95 (LCP 3100 ms, TBT 20 ms, CLS 0.000)',
    );
  });
  it('reports accessibility, best practices and SEO below 100 with the failing audits', () => {
    const flawed = {
      ...good,
      lighthouse: { ...good.lighthouse, accessibility: 96, seo: 92, failedAudits: ['Links do not have a discernible name'] },
    };
    const failures = checkBudgets([flawed]);
    expect(failures).toHaveLength(2);
    expect(failures[0]).toMatch(/accessibility 96 is below 100 — failing audits: Links do not have a discernible name/);
    expect(failures[1]).toMatch(/SEO 92 is below 100/);
  });
});

describe('formatBudgetTable', () => {
  it('prints measured and missing pages', () => {
    const table = formatBudgetTable([good], [{ page: 'section', path: '/life-sciences', status: 404 }]);
    expect(table).toContain(
      '| article | 100.0 KB (6 files) | 300.0 KB | 12 | 98 (97, 99, 98) | 100 | 100 | 100 | 1800 ms | 20 ms | 0.000 |',
    );
    expect(table).toContain('| section | missing: `/life-sciences` answered HTTP 404 |');
  });
});

describe('needsSecondRound', () => {
  it('measures a page again once when its first round is under the budget, never a third time', () => {
    expect(needsSecondRound([90, 91, 97, 93, 91], 1)).toBe(true);
    expect(needsSecondRound([90, 91, 97, 93, 91, 92, 90, 91, 93, 94], 2)).toBe(false);
    expect(needsSecondRound([95, 99, 98, 90, 96], 1)).toBe(false);
  });

  it('judges by the median of both rounds: a slow page still fails, a spoilt round does not', () => {
    expect(median([90, 91, 97, 93, 91, 98, 99, 98, 97, 99])).toBeGreaterThanOrEqual(95);
    expect(median([90, 91, 97, 93, 91, 93, 92, 96, 91, 94])).toBeLessThan(95);
  });
});

describe('cpuSlowdownFor', () => {
  it("slows a high-end desktop by Lighthouse's default 4× and a slower host less, to simulate the same phone", () => {
    expect(cpuSlowdownFor(1750)).toBe(4);
    expect(cpuSlowdownFor(2400)).toBe(4);
    expect(cpuSlowdownFor(1250)).toBeCloseTo(2.9, 5);
    expect(cpuSlowdownFor(875)).toBe(2);
  });

  it('never goes under 1× and falls back to the default for a benchmark that failed', () => {
    expect(cpuSlowdownFor(200)).toBe(1);
    expect(cpuSlowdownFor(Number.NaN)).toBe(4);
    expect(cpuSlowdownFor(0)).toBe(4);
  });
});
