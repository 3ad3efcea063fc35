import { describe, expect, it } from 'vitest';
import { mediaDirCandidates } from '@/lib/import/fetch-image';

describe('mediaDirCandidates', () => {
  it('tries the whole path, then shorter tails down to the file name', () => {
    expect(mediaDirCandidates('https://harbour.example/wp-content/uploads/2020/05/harbour.jpg')).toEqual([
      'wp-content/uploads/2020/05/harbour.jpg',
      'uploads/2020/05/harbour.jpg',
      '2020/05/harbour.jpg',
      '05/harbour.jpg',
      'harbour.jpg',
    ]);
    expect(mediaDirCandidates('/content/images/2022/11/a%20b.jpg?v=2')).toEqual([
      'content/images/2022/11/a b.jpg',
      'images/2022/11/a b.jpg',
      '2022/11/a b.jpg',
      '11/a b.jpg',
      'a b.jpg',
    ]);
  });
  it('never names anything outside the folder', () => {
    for (const url of ['/../../etc/passwd', '/a/%2e%2e/%2e%2e/etc/passwd', '/a/..%2f..%2fetc%2fpasswd', '/a/%00x.jpg']) {
      for (const candidate of mediaDirCandidates(url)) expect(candidate.split('/'), `${url} → ${candidate}`).not.toContain('..');
    }
    expect(mediaDirCandidates('/a/..%2f..%2fetc%2fpasswd')).toEqual(['a']);
  });
});
