import { describe, expect, it } from 'vitest';
import { decideEmailArticle, emailBodyOf } from '@/lib/newsletters/decide-email-article';

const body = {
  type: 'doc' as const,
  content: [
    { type: 'paragraph' as const, content: [{ type: 'text' as const, text: 'First paragraph.' }] },
    { type: 'heading' as const, attrs: { level: 2 as const }, content: [{ type: 'text' as const, text: 'A subheading' }] },
    { type: 'paragraph' as const },
    {
      type: 'bulletList' as const,
      content: [
        { type: 'listItem' as const, content: [{ type: 'paragraph' as const, content: [{ type: 'text' as const, text: 'One' }] }] },
      ],
    },
    { type: 'horizontalRule' as const },
  ],
};

describe('decideEmailArticle', () => {
  const article = {
    headline: 'Gene therapy reaches the clinic',
    standfirst: 'Trials begin.',
    url: 'https://news.example/science/gene',
    sponsored: false,
    campaign: { partnerName: 'MedCity', disclosureLabel: null },
    authors: [{ name: 'Neelam Patel', jobTitle: 'CEO', organisation: 'MedCity' }],
    hero: { url: 'https://news.example/media/a.jpg', alt: 'A lab', credit: 'Photo: MedCity' },
    body,
  };

  it('carries the byline with roles, the hero, and the partner label as the site shows it', () => {
    const email = decideEmailArticle(article, { fullText: false });
    expect(email.byline).toEqual([{ name: 'Neelam Patel', role: 'CEO', organisation: 'MedCity' }]);
    expect(email.hero).toEqual({ url: 'https://news.example/media/a.jpg', alt: 'A lab', credit: 'Photo: MedCity' });
    expect(email.disclosure?.label).toBe('In partnership with MedCity');
    expect(email.body).toBeUndefined();
  });

  it('adds the whole text only for a full-text newsletter: paragraphs, subheadings and list items, empty blocks dropped', () => {
    expect(decideEmailArticle(article, { fullText: true }).body).toEqual([
      { kind: 'paragraph', text: 'First paragraph.' },
      { kind: 'heading', text: 'A subheading' },
      { kind: 'paragraph', text: '• One' },
    ]);
    expect(emailBodyOf({ type: 'doc', content: [{ type: 'paragraph' }] })).toEqual([]);
  });
});
