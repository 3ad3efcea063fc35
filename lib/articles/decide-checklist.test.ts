import { describe, expect, it } from 'vitest';
import { decidePublishChecklist } from './decide-checklist';

const complete = { headline: 'H', sectionId: 's', authorIds: ['a'], standfirst: 'S', heroImage: { alt: 'A picture' } };

describe('decidePublishChecklist', () => {
  it('passes a complete article', () => {
    expect(decidePublishChecklist(complete)).toEqual({});
  });
  it('names each missing field', () => {
    expect(decidePublishChecklist({ headline: ' ', sectionId: null, authorIds: [], standfirst: '  ', heroImage: null })).toEqual({
      headline: 'Add a headline.',
      sectionId: 'Choose a section.',
      authorIds: 'Add at least one author.',
      standfirst: 'Write a standfirst.',
      heroImage: 'Add a hero image.',
    });
  });
  it('requires alt text on the hero image', () => {
    expect(decidePublishChecklist({ ...complete, heroImage: { alt: ' ' } })).toEqual({ heroImage: 'Describe the hero image in its alt text.' });
  });
});
