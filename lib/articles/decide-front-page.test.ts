import { describe, expect, it } from 'vitest';
import { sectionContainers } from './decide-front-page';

const a = (id: string) => ({ id });
const ids = (s: { articles: { id: string }[] }) => s.articles.map((x) => x.id);

describe('sectionContainers', () => {
  it('leaves out the stories shown above and fills each container with the next newest', () => {
    const out = sectionContainers([{ slug: 'science', articles: [a('1'), a('2'), a('3'), a('4'), a('5')] }], [a('1'), a('3')], 3);
    expect(out.map(ids)).toEqual([['2', '4', '5']]);
  });

  it('shows a story once even when two sections list it (a section and its subsection)', () => {
    const out = sectionContainers(
      [
        { slug: 'science', articles: [a('1'), a('2')] },
        { slug: 'health', articles: [a('2'), a('6')] },
      ],
      [],
      3,
    );
    expect(out.map(ids)).toEqual([['1', '2'], ['6']]);
  });

  it('drops a section whose stories are all shown above, and keeps the order of sections', () => {
    const out = sectionContainers(
      [
        { slug: 'science', articles: [a('1')] },
        { slug: 'culture', articles: [a('7')] },
      ],
      [a('1')],
      3,
    );
    expect(out.map((s) => s.slug)).toEqual(['culture']);
  });

  it('takes at most `take` stories per section', () => {
    expect(sectionContainers([{ slug: 's', articles: [a('1'), a('2'), a('3')] }], [], 2).map(ids)).toEqual([['1', '2']]);
  });
});
