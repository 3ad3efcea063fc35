/**
 * How an article is labelled when it is not purely editorial: sponsored (paid for) or partner content
 * (a campaign produced with a partner). One decision for every place a reader or a machine meets the
 * article: its page, its cards on fronts and lists, its feed items and its JSON-LD.
 */
export type Disclosure = {
  kind: 'sponsored' | 'partner';
  /** The short label on cards, feed categories and the page's box: "Sponsored" or "Partner content". */
  short: string;
  /** The full line, e.g. the campaign's "Paid for by MedCity", else "In partnership with MedCity" or "Sponsored". */
  label: string;
  /** The partner named by the campaign, when there is one. */
  partnerName: string | null;
};

/** The article's disclosure, or null for editorial content. */
export function decideDisclosure({
  sponsored,
  campaign,
}: {
  sponsored: boolean;
  campaign: { partnerName: string | null; disclosureLabel: string | null } | null;
}): Disclosure | null {
  const partnerName = campaign?.partnerName?.trim() || null;
  if (!sponsored && !partnerName) return null;
  const kind = sponsored ? 'sponsored' : 'partner';
  const label = campaign?.disclosureLabel?.trim() || (partnerName ? `In partnership with ${partnerName}` : 'Sponsored');
  return { kind, short: kind === 'sponsored' ? 'Sponsored' : 'Partner content', label, partnerName };
}
