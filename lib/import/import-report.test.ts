import { describe, expect, it } from 'vitest';
import { emptyReport, summaryLines } from '@/lib/import/import-report';

describe('summaryLines', () => {
  it('counts, the rate, and warnings grouped by kind with a few examples each', () => {
    const report = emptyReport({
      source: 'wordpress',
      file: 'export.xml',
      site: 'https://harbour.example',
      dryRun: false,
      startedAt: new Date(0),
    });
    Object.assign(report.articles, { created: 1200, updated: 3, skipped: 10 });
    report.seconds = 4.25;
    report.postsPerSecond = 285.4;
    report.images = { downloaded: 40, reused: 2, failed: 1 };
    report.warnings = [
      { code: 'image-missing', message: 'one' },
      { code: 'image-missing', message: 'two' },
      { code: 'image-missing', message: 'three' },
      { code: 'comments', message: '5 comments are not imported.' },
    ];
    expect(summaryLines(report, '/tmp/report.json', { examples: 2 })).toEqual([
      'Import finished: wordpress export export.xml',
      '  Articles  1,200 created, 3 updated, 10 skipped',
      '  Pages     0 created, 0 updated, 0 skipped',
      '  Sections  0 created, 0 updated, 0 skipped',
      '  Authors   0 created, 0 updated, 0 skipped',
      '  Tags      0 created, 0 updated, 0 skipped',
      '  Images    40 stored, 2 already in the library, 1 missing',
      '  Redirects 0 written, 0 refused',
      '  1,213 posts and pages in 4.3 s (285 posts/s); 0 other items passed over.',
      '  4 warnings:',
      '    image-missing (3):',
      '      - one',
      '      - two',
      '      … and 1 more',
      '    comments (1):',
      '      - 5 comments are not imported.',
      'Full report: /tmp/report.json',
    ]);
  });

  it('says a dry run wrote nothing', () => {
    const report = emptyReport({ source: 'ghost', file: 'g.json', site: 'ghost', dryRun: true, startedAt: new Date(0) });
    report.articles.created = 2;
    const lines = summaryLines(report, null);
    expect(lines[0]).toBe('Dry run (nothing was written): ghost export g.json');
    expect(lines[1]).toBe('  Articles  2 would create, 0 would update, 0 would skip');
  });
});
