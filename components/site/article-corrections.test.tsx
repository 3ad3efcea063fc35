import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { CorrectionNote, CorrectionsFoot } from '@/components/site/article-corrections';
import type { ReaderCorrection } from '@/lib/articles/corrections';

const correction = (overrides: Partial<ReaderCorrection> = {}): ReaderCorrection => ({
  id: 'c1',
  kind: 'CORRECTION',
  text: 'An earlier version said 12. It is 21; this has been corrected.',
  publishedAt: new Date('2026-12-01T10:00:00Z'),
  ...overrides,
});

describe('CorrectionsFoot', () => {
  it('lists corrections newest first with kind, machine-readable date and an anchor of each', () => {
    const html = renderToStaticMarkup(
      <CorrectionsFoot corrections={[correction(), correction({ id: 'c2', kind: 'UPDATE', text: 'Later news.', publishedAt: new Date('2026-12-02T10:00:00Z') })]} />,
    );
    expect(html).toContain('id="corrections"');
    expect(html.indexOf('Later news.')).toBeLessThan(html.indexOf('An earlier version said 12.'));
    expect(html).toContain('id="correction-c2"');
    expect(html).toContain('<time dateTime="2026-12-02T10:00:00.000Z">');
    expect(html).toContain('>Update<');
    expect(html).toContain('href="/corrections"');
  });

  it('renders markup in the text as text, never as elements', () => {
    const html = renderToStaticMarkup(<CorrectionsFoot corrections={[correction({ text: '<script>alert(1)</script><img src=x onerror=alert(1)>' })]} />);
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('renders nothing without corrections', () => {
    expect(renderToStaticMarkup(<CorrectionsFoot corrections={[]} />)).toBe('');
  });
});

describe('CorrectionNote', () => {
  it('points to the foot for a correction proper, and is absent for clarifications and updates only', () => {
    expect(renderToStaticMarkup(<CorrectionNote corrections={[correction()]} />)).toContain('href="#corrections"');
    expect(renderToStaticMarkup(<CorrectionNote corrections={[correction({ kind: 'UPDATE' }), correction({ id: 'c2', kind: 'CLARIFICATION' })]} />)).toBe('');
  });
});
