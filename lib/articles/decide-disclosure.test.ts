import { describe, expect, it } from 'vitest';
import { decideDisclosure } from '@/lib/articles/decide-disclosure';

describe('decideDisclosure', () => {
  it('labels nothing for editorial content, even in a campaign without a partner', () => {
    expect(decideDisclosure({ sponsored: false, campaign: null })).toBeNull();
    expect(decideDisclosure({ sponsored: false, campaign: { partnerName: null, disclosureLabel: null } })).toBeNull();
    expect(decideDisclosure({ sponsored: false, campaign: { partnerName: '  ', disclosureLabel: 'ignored' } })).toBeNull();
  });

  it('labels a partner campaign’s article as partner content, with the campaign’s own line when it has one', () => {
    expect(decideDisclosure({ sponsored: false, campaign: { partnerName: 'MedCity', disclosureLabel: null } })).toEqual({
      kind: 'partner',
      short: 'Partner content',
      label: 'In partnership with MedCity',
      partnerName: 'MedCity',
    });
    expect(decideDisclosure({ sponsored: false, campaign: { partnerName: 'MedCity', disclosureLabel: 'Paid for by MedCity' } })?.label).toBe('Paid for by MedCity');
  });

  it('labels a sponsored article as sponsored, with or without a named partner', () => {
    expect(decideDisclosure({ sponsored: true, campaign: null })).toEqual({ kind: 'sponsored', short: 'Sponsored', label: 'Sponsored', partnerName: null });
    expect(decideDisclosure({ sponsored: true, campaign: { partnerName: 'MedCity', disclosureLabel: null } })).toMatchObject({
      kind: 'sponsored',
      short: 'Sponsored',
      partnerName: 'MedCity',
    });
  });
});
