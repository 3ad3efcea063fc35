import { describe, expect, it } from 'vitest';
import { decideImportRedirects, oldUrlKey } from '@/lib/import/decide-import-redirects';

describe('oldUrlKey', () => {
  it('is the key the proxy looks up', () => {
    expect(oldUrlKey('https://harbour.example/2020/05/12/council-votes/')).toBe('/2020/05/12/council-votes');
    expect(oldUrlKey('https://harbour.example/?p=101')).toBe('/?p=101');
    expect(oldUrlKey('/?page_id=110')).toBe('/?page_id=110');
    expect(oldUrlKey('/lighthouse-restored/')).toBe('/lighthouse-restored');
    expect(oldUrlKey('https://harbour.example/')).toBeNull();
    expect(oldUrlKey('https://harbour.example/a/b/c/')).toBeNull();
  });
});

describe('decideImportRedirects', () => {
  it('maps old permalinks to new paths and refuses what would hide a live page', () => {
    const plan = decideImportRedirects({
      candidates: [
        { from: 'https://harbour.example/2020/05/12/council-votes/', to: '/city-hall/council-votes' },
        { from: '/?p=101', to: '/city-hall/council-votes' },
        { from: '/city-hall/council-votes', to: '/city-hall/council-votes' },
        { from: '/news/', to: '/city-hall/other' },
        { from: '/about/', to: '/about/about-2' },
        { from: 'https://harbour.example/Weird Path/', to: '/x/y' },
        { from: '/2020/05/12/council-votes', to: '/elsewhere/z' },
      ],
      livePaths: new Set(['/news']),
    });
    expect(plan.rows).toEqual([
      { fromPath: '/2020/05/12/council-votes', toPath: '/city-hall/council-votes' },
      { fromPath: '/?p=101', toPath: '/city-hall/council-votes' },
    ]);
    expect(plan.refused.map((r) => r.from)).toEqual(['/news/', '/about/', 'https://harbour.example/Weird Path/']);
  });
});
