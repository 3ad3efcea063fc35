import { describe, expect, it } from 'vitest';
import type { BodyDocument } from '@/lib/articles/body-schema';
import { decidePageDescription } from './decide-page-description';

const body = (...paragraphs: string[]): BodyDocument => ({ type: 'doc', content: paragraphs.map((t) => ({ type: 'paragraph', content: [{ type: 'text', text: t }] })) });

describe('decidePageDescription', () => {
  it('uses the standfirst when there is one', () => {
    expect(decidePageDescription({ title: 'About', standfirst: ' Who we are. ', body: body('Long text') })).toBe('Who we are.');
  });
  it('falls back to the start of the body, cut at a word', () => {
    const text = decidePageDescription({ title: 'About', standfirst: '', body: body('word '.repeat(60)) });
    expect(text.length).toBeLessThanOrEqual(160);
    expect(text.endsWith('word…')).toBe(true);
    expect(decidePageDescription({ title: 'About', standfirst: '', body: body('Short.', 'Two.') })).toBe('Short. Two.');
  });
  it('falls back to the title for an empty page', () => {
    expect(decidePageDescription({ title: 'Contact', standfirst: '', body: { type: 'doc', content: [{ type: 'paragraph' }] } })).toBe('Contact');
  });
});
